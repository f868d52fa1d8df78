import PodGradeKubernetes

/// Helpers the pattern rules share (what they judge comes from the Pod model).
enum Roles {
    static func pair(_ context: CheckContext, _ a: String, _ b: String) throws(RuleStop) -> (Container, Container) {
        (try context.container(a), try context.container(b))
    }

    static func anchor(_ context: CheckContext, _ message: any RuleMessage, _ container: Container) -> Finding {
        context.finding(message, mark: container.nameMark, path: container.name?.path ?? container.path)
    }
}
