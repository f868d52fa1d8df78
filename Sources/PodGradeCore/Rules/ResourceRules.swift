import PodGradeYAML
import PodGradeKubernetes

/// resources.bounds: requests and limits present, valid, limits >= requests, values as asked.
struct ResourcesRule: Rule {
    let id = "resources.bounds"
    let doc = RuleDoc(
        title: LocalizedText(ru: "Запросы и лимиты ресурсов", en: "Resource requests and limits"),
        explanation: LocalizedText(
            ru: "requests — сколько CPU и памяти планировщик резервирует для контейнера, limits — больше чего контейнер не получит. Лимит не может быть меньше запроса. Значения сравниваются по величине: 0.1 CPU = 100m, 128Mi = 134217728.",
            en: "requests are the CPU and memory the scheduler reserves for a container, limits the most it may use. A limit cannot be below its request. Values compare by amount: 0.1 CPU = 100m, 128Mi = 134217728."),
        section: "Практический пример: веб-сервер с мониторингом")
    let params = [ParamSpec("container", .string, required: true), ParamSpec("requests", .quantityMap), ParamSpec("limits", .quantityMap)]
    let examples = [
        RuleExample(examplePodHeader + "spec:\n  containers:\n  - name: web\n    image: nginx\n    resources:\n      requests: {memory: 64Mi, cpu: 0.1}\n      limits: {memory: 128Mi, cpu: 200m}\n",
                    params: "{container: web, requests: {memory: 64Mi, cpu: 100m}, limits: {memory: 128Mi, cpu: 200m}}", passes: true),
        RuleExample(examplePodHeader + "spec:\n  containers:\n  - name: web\n    image: nginx\n    resources:\n      requests: {memory: 256Mi}\n      limits: {memory: 128Mi}\n",
                    params: "{container: web}", passes: false),
        RuleExample(examplePodHeader + "spec:\n  containers:\n  - name: web\n    image: nginx\n",
                    params: "{container: web, requests: {memory: 64Mi}}", passes: false),
    ]

    func check(_ context: CheckContext, _ params: Params) throws(RuleStop) -> Outcome {
        let container = try context.container(params.string("container"))
        let name = container.displayName
        let resources = container.resources
        var findings: [Finding] = []
        let fallbackMark = resources?.mark ?? container.nameMark
        let fallbackPath = resources?.path ?? container.path
        for (section, expectedEntries) in [("requests", params.stringMap("requests") ?? []), ("limits", params.stringMap("limits") ?? [])] {
            for (resource, expectedText) in expectedEntries {
                let entry = section == "requests" ? resources?.request(resource) : resources?.limit(resource)
                guard let entry else {
                    let mark = (section == "requests" ? resources?.requestsMark : resources?.limitsMark) ?? fallbackMark
                    findings.append(context.finding(.resourceMissing(container: name, section: section, resource: resource), mark: mark, path: fallbackPath))
                    continue
                }
                guard let found = entry.quantity else {
                    findings.append(context.finding(.resourceInvalid(container: name, resource: resource, text: entry.text.value), entry.text))
                    continue
                }
                if let confusion = Quantity.unitConfusion(found: entry.text.value, expected: expectedText) {
                    findings.append(context.finding(.resourceUnitConfusion(container: name, section: section, resource: resource,
                                                                           confusion: confusion), entry.text))
                } else if let expected = Quantity(expectedText), expected != found {
                    findings.append(context.finding(.resourceWrong(container: name, section: section, resource: resource,
                                                                   expected: expectedText, found: entry.text.value), entry.text))
                }
            }
        }
        for request in resources?.requests ?? [] {
            guard let limit = resources?.limit(request.name), let r = request.quantity, let l = limit.quantity, r > l else { continue }
            findings.append(context.finding(.limitBelowRequest(container: name, resource: request.name, request: request.text.value, limit: limit.text.value), limit.text))
        }
        for entry in (resources?.requests ?? []) + (resources?.limits ?? []) where entry.quantity == nil {
            if !findings.contains(where: { $0.path == entry.text.path }) {
                findings.append(context.finding(.resourceInvalid(container: name, resource: entry.name, text: entry.text.value), entry.text))
            }
        }
        if resources == nil && findings.isEmpty {
            findings.append(context.finding(.resourceMissing(container: name, section: "requests", resource: "cpu/memory"), mark: container.nameMark, path: container.path))
        }
        return findings.isEmpty ? .pass(.resourcesOK(container: name)) : .fail(findings)
    }
}
