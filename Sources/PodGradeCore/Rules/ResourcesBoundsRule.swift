import PodGradeYAML
import PodGradeKubernetes

/// `resources.bounds`: requests and limits present, valid, limits >= requests, values as asked.
struct ResourcesBoundsRule: Rule {
    let id = "resources.bounds"
    let doc = RuleDoc(
        title: LocalizedText(ru: "Запросы и лимиты ресурсов", en: "Resource requests and limits"),
        explanation: LocalizedText(
            ru: "requests — сколько CPU и памяти планировщик резервирует для контейнера, limits — больше чего контейнер не получит. Лимит не может быть меньше запроса. Значения сравниваются по величине: 0.1 CPU = 100m, 128Mi = 134217728.",
            en: "requests are the CPU and memory the scheduler reserves for a container, limits the most it may use. A limit cannot be below its request. Values compare by amount: 0.1 CPU = 100m, 128Mi = 134217728."),
        section: "Практический пример: веб-сервер с мониторингом")
    /// The check's parameters in spec.yaml (`params:`); an optional one may be left out.
    struct Parameters: RuleParameters {
        let container: String
        let requests: QuantityMap?
        let limits: QuantityMap?
    }

    let examples = [
        RuleExample.passes(RuleExample.podHeader + "spec:\n  containers:\n  - name: web\n    image: nginx\n    resources:\n      requests: {memory: 64Mi, cpu: 0.1}\n      limits: {memory: 128Mi, cpu: 200m}\n",
                    params: "{container: web, requests: {memory: 64Mi, cpu: 100m}, limits: {memory: 128Mi, cpu: 200m}}"),
        RuleExample.fails(RuleExample.podHeader + "spec:\n  containers:\n  - name: web\n    image: nginx\n    resources:\n      requests: {memory: 256Mi}\n      limits: {memory: ↓128Mi}\n",
                    params: "{container: web}", key: "limitBelowRequest"),
        RuleExample.fails(RuleExample.podHeader + "spec:\n  containers:\n  - name: ↓web\n    image: nginx\n",
                    params: "{container: web, requests: {memory: 64Mi}}", key: "resourceMissing"),
    ]

    func check(_ context: CheckContext, _ params: Parameters) throws(RuleStop) -> Outcome {
        let container = try context.container(params.container)
        let name = container.displayName
        let resources = container.resources
        var findings: [Finding] = []
        let fallbackMark = resources?.mark ?? container.nameMark
        let fallbackPath = resources?.path ?? container.path
        for (section, expectedEntries) in [("requests", (params.requests?.pairs ?? [])), ("limits", (params.limits?.pairs ?? []))] {
            for (resource, expectedText) in expectedEntries {
                let entry = section == "requests" ? resources?.request(resource) : resources?.limit(resource)
                guard let entry else {
                    let mark = (section == "requests" ? resources?.requestsMark : resources?.limitsMark) ?? fallbackMark
                    findings.append(context.finding(Message.resourceMissing(container: name, section: section, resource: resource), mark: mark, path: fallbackPath))
                    continue
                }
                guard let found = entry.quantity else {
                    findings.append(context.finding(Message.resourceInvalid(container: name, resource: resource, text: entry.text.value), entry.text))
                    continue
                }
                if let confusion = Quantity.unitConfusion(found: entry.text.value, expected: expectedText) {
                    findings.append(context.finding(Message(confusion, container: name, section: section, resource: resource), entry.text))
                } else if let expected = Quantity(expectedText), expected != found {
                    findings.append(context.finding(Message.resourceWrong(container: name, section: section, resource: resource,
                                                                   expected: expectedText, found: entry.text.value), entry.text))
                }
            }
        }
        for request in resources?.requests ?? [] {
            guard let limit = resources?.limit(request.name), let r = request.quantity, let l = limit.quantity, r > l else { continue }
            findings.append(context.finding(Message.limitBelowRequest(container: name, resource: request.name, request: request.text.value, limit: limit.text.value), limit.text))
        }
        for entry in (resources?.requests ?? []) + (resources?.limits ?? []) where entry.quantity == nil {
            if !findings.contains(where: { $0.path == entry.text.path }) {
                findings.append(context.finding(Message.resourceInvalid(container: name, resource: entry.name, text: entry.text.value), entry.text))
            }
        }
        if resources == nil && findings.isEmpty {
            findings.append(context.finding(Message.resourceMissing(container: name, section: "requests", resource: "cpu/memory"), mark: container.nameMark, path: container.path))
        }
        return findings.isEmpty ? .pass(Message.resourcesOK(container: name)) : .fail(findings)
    }
}

extension ResourcesBoundsRule {
    /// One value of every message: `explain`, SARIF and the catalogue test render them.
    var messageSamples: [Message] {
        [
            .resourceMissing(container: "web", section: "limits", resource: "cpu"),
            .resourceWrong(container: "web", section: "limits", resource: "cpu", expected: "200m", found: "100m"),
            .resourceInvalid(container: "web", resource: "memory", text: "64MB"),
            .resourceNoUnit(container: "web", section: "requests", resource: "memory", found: "64", expected: "64Mi", expectedValue: "67108864"),
            .resourceDecimalBinary(container: "web", section: "limits", resource: "memory", found: "128M", foundValue: "128000000",
                                   expected: "128Mi", expectedValue: "134217728"),
            .limitBelowRequest(container: "web", resource: "memory", request: "256Mi", limit: "128Mi"),
            .resourcesOK(container: "web"),
        ]
    }

    /// What `resources.bounds` says, in every language.
    enum Message: RuleMessage {
        case resourceMissing(container: String, section: String, resource: String)
        case resourceWrong(container: String, section: String, resource: String, expected: String, found: String)
        case resourceInvalid(container: String, resource: String, text: String)
        /// resourceWrong when the number is right but has no unit: `64` is 64 bytes (or cores), not 64Mi.
        case resourceNoUnit(container: String, section: String, resource: String, found: String, expected: String, expectedValue: String)
        /// resourceWrong when a decimal unit stands for its binary twin or back: `128M` for `128Mi`.
        case resourceDecimalBinary(container: String, section: String, resource: String, found: String, foundValue: String, expected: String, expectedValue: String)
        case limitBelowRequest(container: String, resource: String, request: String, limit: String)
        case resourcesOK(container: String)

        var russian: String {
            let q = Russian.quote
            switch self {
            case .resourceMissing(let container, let section, let resource):
                return "У контейнера \(q(container)) не задано resources.\(section).\(resource)."
            case .resourceWrong(let container, let section, let resource, let expected, let found):
                return "У контейнера \(q(container)) resources.\(section).\(resource) = \(found), а нужно \(expected)."
            case .resourceInvalid(let container, let resource, let text):
                return "У контейнера \(q(container)) значение \(resource) \(q(text)) — не количество Kubernetes (например 64Mi, 100m)."
            case .resourceNoUnit(let container, let section, let resource, let found, let expected, let expectedValue):
                return "У контейнера \(q(container)) resources.\(section).\(resource) = \(found): число без единицы — это "
                    + (resource == "cpu" ? "ядра" : "байты") + ", то есть \(Self.russianUnits(found, resource)), а нужно \(expected) (\(Self.russianUnits(expectedValue, resource)))."
            case .resourceDecimalBinary(let container, let section, let resource, let found, let foundValue, let expected, let expectedValue):
                return "У контейнера \(q(container)) resources.\(section).\(resource) = \(found), это \(Self.russianUnits(foundValue, resource)), "
                    + "а нужно \(expected) (\(Self.russianUnits(expectedValue, resource))): k, M, G — степени 10, Ki, Mi, Gi — степени 2."
            case .limitBelowRequest(let container, let resource, let request, let limit):
                return "У контейнера \(q(container)) limit \(resource) (\(limit)) меньше request (\(request))."
            case .resourcesOK(let container):
                return "Ресурсы контейнера \(q(container)) заданы как нужно."
            }
        }

        var english: String {
            let q = English.quote
            switch self {
            case .resourceMissing(let container, let section, let resource):
                return "Container \(q(container)) sets no resources.\(section).\(resource)."
            case .resourceWrong(let container, let section, let resource, let expected, let found):
                return "Container \(q(container)) has resources.\(section).\(resource) = \(found) but needs \(expected)."
            case .resourceInvalid(let container, let resource, let text):
                return "Container \(q(container))'s \(resource) value \(q(text)) is not a Kubernetes quantity (such as 64Mi, 100m)."
            case .resourceNoUnit(let container, let section, let resource, let found, let expected, let expectedValue):
                let unit = resource == "cpu" ? "cores" : "bytes"
                return "Container \(q(container)) has resources.\(section).\(resource) = \(found): a number without a unit counts \(unit), "
                    + "so that is \(found) \(unit), not \(expected) (\(expectedValue) \(unit)) as asked."
            case .resourceDecimalBinary(let container, let section, let resource, let found, let foundValue, let expected, let expectedValue):
                let unit = resource == "cpu" ? "cores" : "bytes"
                return "Container \(q(container)) has resources.\(section).\(resource) = \(found), which is \(foundValue) \(unit), "
                    + "but \(expected) (\(expectedValue) \(unit)) is asked: k, M, G count powers of 10, Ki, Mi, Gi powers of 2."
            case .limitBelowRequest(let container, let resource, let request, let limit):
                return "Container \(q(container))'s \(resource) limit (\(limit)) is below its request (\(request))."
            case .resourcesOK(let container):
                return "Container \(q(container))'s resources are as asked."
            }
        }
    }
}

extension ResourcesBoundsRule.Message {
    init(_ confusion: UnitConfusion, container: String, section: String, resource: String) {
        switch confusion {
        case .noUnit(let found, let expected, let expectedValue):
            self = .resourceNoUnit(container: container, section: section, resource: resource, found: found, expected: expected, expectedValue: expectedValue)
        case .decimalBinary(let found, let foundValue, let expected, let expectedValue):
            self = .resourceDecimalBinary(container: container, section: section, resource: resource, found: found, foundValue: foundValue,
                                          expected: expected, expectedValue: expectedValue)
        }
    }

    /// "64 байта", "134217728 байт", "2 ядра": the form by the last digits of a decimal text.
    static func russianUnits(_ value: String, _ resource: String) -> String {
        let n = Int(value.split(separator: ".").first?.suffix(2) ?? "") ?? 0
        let fractional = value.contains(".")
        if resource == "cpu" { return value + " " + (fractional ? "ядра" : RussianPlural.form(n, one: "ядро", few: "ядра", many: "ядер")) }
        return value + " " + (fractional ? "байта" : RussianPlural.form(n, one: "байт", few: "байта", many: "байт"))
    }
}
