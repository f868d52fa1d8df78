/// Every rule podgrade knows, by id. Rule ids are stable: specs and results name them.
public enum RuleCatalog {
    public static let all: [any Rule] = [
        YAMLSyntaxRule(), SchemaRule(), ValidRule(),
        PodFoundRule(), PodMetadataRule(), ContainersCountRule(),
        ContainerSpecRule(), LongRunningRule(),
        PortsDeclaredRule(), PortsUniqueRule(),
        VolumeSharedRule(), VolumeReadOnlyRule(), VolumeHostPathRule(),
        ResourcesRule(), LocalhostRule(), DataFlowRule(),
        SidecarRoleRule(), AdapterRoleRule(), AmbassadorRoleRule(), NativeSidecarRule(),
        ReplicasRule(),
    ]

    private static let byID: [String: any Rule] = Dictionary(all.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })

    public static func rule(_ id: String) -> (any Rule)? { byID[id] }
}
