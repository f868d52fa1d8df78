// A minimal VS Code client for `podgrade lsp` (untested in CI: see README, "In the editor").
const vscode = require("vscode");
const { LanguageClient, TransportKind } = require("vscode-languageclient/node");

let client;

function settings() {
  const config = vscode.workspace.getConfiguration("podgrade");
  return { podgrade: { lang: config.get("lang"), exercises: config.get("exercises") } };
}

exports.activate = function (context) {
  const command = vscode.workspace.getConfiguration("podgrade").get("path") || "podgrade";
  client = new LanguageClient(
    "podgrade",
    "podgrade",
    { command, args: ["lsp"], transport: TransportKind.stdio },
    {
      documentSelector: [{ scheme: "file", language: "yaml" }, { scheme: "file", language: "json" }],
      initializationOptions: settings(),
      synchronize: { configurationSection: "podgrade" },
    }
  );
  context.subscriptions.push(
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (event.affectsConfiguration("podgrade") && client) {
        client.sendNotification("workspace/didChangeConfiguration", { settings: settings() });
      }
    })
  );
  return client.start();
};

exports.deactivate = function () {
  return client ? client.stop() : undefined;
};
