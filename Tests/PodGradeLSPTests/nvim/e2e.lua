-- Neovim's built-in LSP client against `podgrade lsp` (Neovim 0.7+, headless):
--   PODGRADE_BIN=... E2E_ROOT=<copy of a learner repository> E2E_FILE=03-sidecar-logging/pod.yaml \
--   nvim --headless -u NONE -i NONE -n -c 'luafile e2e.lua'
-- Opens the file, waits for diagnostics, types a mistake, waits, prints them,
-- applies the quick fix, waits again. Prints one line per fact; exits 0, or 1 with "FAIL ...".
local bin, root, file = os.getenv("PODGRADE_BIN"), os.getenv("E2E_ROOT"), os.getenv("E2E_FILE")

local function out(text)
  io.stdout:write(text .. "\n")
  io.stdout:flush()
end

local function fail(text)
  out("FAIL " .. text)
  vim.cmd("cquit 1")
end

local function code(d)
  return d.code or (d.user_data and d.user_data.lsp and d.user_data.lsp.code) or ""
end

local function print_diagnostics(bufnr, title)
  local items = vim.diagnostic.get(bufnr)
  table.sort(items, function(a, b)
    if a.lnum ~= b.lnum then return a.lnum < b.lnum end
    return tostring(code(a)) < tostring(code(b))
  end)
  out(title .. " " .. #items)
  for _, d in ipairs(items) do
    local first = vim.split(d.message, "\n", true)[1]
    out(string.format("%d:%d-%d %s %d %s", d.lnum, d.col, d.end_col, code(d), d.severity, first))
  end
end

local function wait_for(bufnr, what, predicate)
  local ok = vim.wait(15000, function()
    for _, d in ipairs(vim.diagnostic.get(bufnr)) do
      if predicate(d) then return true end
    end
    return false
  end, 20)
  if not ok then fail("timed out waiting for " .. what) end
end

local function main()
  local client_id = vim.lsp.start_client({
    name = "podgrade",
    cmd = { bin, "lsp", "--debounce", "50" },
    root_dir = root,
    workspace_folders = { { uri = vim.uri_from_fname(root), name = "learner" } },
    init_options = { podgrade = { lang = "en" } },
  })
  if not client_id then return fail("the server did not start") end
  vim.cmd("edit " .. vim.fn.fnameescape(root .. "/" .. file))
  local bufnr = vim.api.nvim_get_current_buf()
  vim.lsp.buf_attach_client(bufnr, client_id)

  wait_for(bufnr, "the first diagnostics", function(d) return code(d) == "podgrade.score" end)
  print_diagnostics(bufnr, "opened")

  -- Type a mistake: "volumeMounts:" of web-server loses its "s".
  vim.api.nvim_buf_set_text(bufnr, 10, 15, 10, 16, { "" })
  wait_for(bufnr, "the schema finding", function(d) return code(d) == "k8s.schema" end)
  print_diagnostics(bufnr, "typed")

  -- Ask for the quick fix on that line and apply it.
  local client = vim.lsp.get_client_by_id(client_id)
  local lsp_diagnostics = {}
  for _, d in ipairs(vim.diagnostic.get(bufnr, { lnum = 10 })) do
    table.insert(lsp_diagnostics, d.user_data and d.user_data.lsp or {})
  end
  local params = {
    textDocument = { uri = vim.uri_from_bufnr(bufnr) },
    range = { start = { line = 10, character = 0 }, ["end"] = { line = 10, character = 0 } },
    context = { diagnostics = lsp_diagnostics },
  }
  local response = client.request_sync("textDocument/codeAction", params, 10000, bufnr)
  if not response or response.err or not response.result or #response.result == 0 then
    return fail("no code action: " .. vim.inspect(response))
  end
  local action = response.result[1]
  out("action " .. action.title)
  vim.lsp.util.apply_workspace_edit(action.edit, "utf-16")
  out("line " .. vim.api.nvim_buf_get_lines(bufnr, 10, 11, false)[1])

  local ok = vim.wait(15000, function()
    for _, d in ipairs(vim.diagnostic.get(bufnr)) do
      if code(d) == "k8s.schema" then return false end
    end
    return #vim.diagnostic.get(bufnr) > 0
  end, 20)
  if not ok then return fail("the schema finding stayed after the fix") end
  print_diagnostics(bufnr, "fixed")

  vim.lsp.stop_client(client_id)
  vim.wait(2000, function() return vim.lsp.get_client_by_id(client_id) == nil end, 20)
  out("done")
  vim.cmd("qa!")
end

local ok, err = pcall(main)
if not ok then fail(tostring(err)) end
