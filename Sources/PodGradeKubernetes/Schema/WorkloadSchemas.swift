/// Top-level objects that carry a pod (apps/v1, batch/v1, core/v1) with their
/// real spec fields, keyed by kind.
enum WorkloadSchemas {
    private typealias C = CoreSchemas

    private static func topLevel(_ kind: String, required: [String] = [], _ fields: [String: FieldType]) -> ObjectSchema {
        ObjectSchema(kind, required: ["apiVersion", "kind", "metadata"] + required, fields.merging([
            "apiVersion": .string, "kind": .string, "metadata": .object(C.topObjectMeta), "status": .any,
        ]) { a, _ in a })
    }

    static let rollingUpdateDeployment = ObjectSchema("RollingUpdateDeployment", [
        "maxUnavailable": .intOrString, "maxSurge": .intOrString,
    ])

    static let deploymentStrategy = ObjectSchema("DeploymentStrategy", [
        "type": .string, "rollingUpdate": .object(rollingUpdateDeployment),
    ])

    static let deploymentSpec = ObjectSchema("DeploymentSpec", required: ["selector", "template"], [
        "replicas": .integer, "selector": .object(C.labelSelector), "template": .object(C.podTemplateSpec),
        "strategy": .object(deploymentStrategy), "minReadySeconds": .integer,
        "revisionHistoryLimit": .integer, "paused": .boolean, "progressDeadlineSeconds": .integer,
    ])

    static let replicaSetSpec = ObjectSchema("ReplicaSetSpec", required: ["selector", "template"], [
        "replicas": .integer, "minReadySeconds": .integer,
        "selector": .object(C.labelSelector), "template": .object(C.podTemplateSpec),
    ])

    static let rollingUpdateStatefulSet = ObjectSchema("RollingUpdateStatefulSetStrategy", [
        "partition": .integer, "maxUnavailable": .intOrString,
    ])

    static let statefulSetUpdateStrategy = ObjectSchema("StatefulSetUpdateStrategy", [
        "type": .string, "rollingUpdate": .object(rollingUpdateStatefulSet),
    ])

    static let retentionPolicy = ObjectSchema("StatefulSetPersistentVolumeClaimRetentionPolicy", [
        "whenDeleted": .string, "whenScaled": .string,
    ])

    static let ordinals = ObjectSchema("StatefulSetOrdinals", ["start": .integer])

    static let statefulSetSpec = ObjectSchema("StatefulSetSpec", required: ["selector", "template"], [
        "replicas": .integer, "selector": .object(C.labelSelector), "template": .object(C.podTemplateSpec),
        "volumeClaimTemplates": .array(.object(VolumeSchemas.persistentVolumeClaim_)),
        "serviceName": .string, "podManagementPolicy": .string,
        "updateStrategy": .object(statefulSetUpdateStrategy), "revisionHistoryLimit": .integer,
        "minReadySeconds": .integer,
        "persistentVolumeClaimRetentionPolicy": .object(retentionPolicy),
        "ordinals": .object(ordinals),
    ])

    static let rollingUpdateDaemonSet = ObjectSchema("RollingUpdateDaemonSet", [
        "maxUnavailable": .intOrString, "maxSurge": .intOrString,
    ])

    static let daemonSetUpdateStrategy = ObjectSchema("DaemonSetUpdateStrategy", [
        "type": .string, "rollingUpdate": .object(rollingUpdateDaemonSet),
    ])

    static let daemonSetSpec = ObjectSchema("DaemonSetSpec", required: ["selector", "template"], [
        "selector": .object(C.labelSelector), "template": .object(C.podTemplateSpec),
        "updateStrategy": .object(daemonSetUpdateStrategy), "minReadySeconds": .integer,
        "revisionHistoryLimit": .integer,
    ])

    static let podFailurePolicyOnExitCodes = ObjectSchema("PodFailurePolicyOnExitCodesRequirement",
                                                          required: ["operator", "values"], [
        "containerName": .string, "operator": .string, "values": .array(.integer),
    ])

    static let podFailurePolicyOnPodConditions = ObjectSchema("PodFailurePolicyOnPodConditionsPattern",
                                                              required: ["type"], [
        "type": .string, "status": .string,
    ])

    static let podFailurePolicyRule = ObjectSchema("PodFailurePolicyRule", required: ["action"], [
        "action": .string, "onExitCodes": .object(podFailurePolicyOnExitCodes),
        "onPodConditions": .array(.object(podFailurePolicyOnPodConditions)),
    ])

    static let podFailurePolicy = ObjectSchema("PodFailurePolicy", required: ["rules"], [
        "rules": .array(.object(podFailurePolicyRule)),
    ])

    static let successPolicyRule = ObjectSchema("SuccessPolicyRule", [
        "succeededIndexes": .string, "succeededCount": .integer,
    ])

    static let successPolicy = ObjectSchema("SuccessPolicy", required: ["rules"], [
        "rules": .array(.object(successPolicyRule)),
    ])

    static let jobSpec = ObjectSchema("JobSpec", required: ["template"], [
        "parallelism": .integer, "completions": .integer, "activeDeadlineSeconds": .integer,
        "podFailurePolicy": .object(podFailurePolicy), "successPolicy": .object(successPolicy),
        "backoffLimit": .integer, "backoffLimitPerIndex": .integer, "maxFailedIndexes": .integer,
        "selector": .object(C.labelSelector), "manualSelector": .boolean,
        "template": .object(C.podTemplateSpec), "ttlSecondsAfterFinished": .integer,
        "completionMode": .string, "suspend": .boolean, "podReplacementPolicy": .string,
        "managedBy": .string,
    ])

    static let jobTemplateSpec = ObjectSchema("JobTemplateSpec", [
        "metadata": .object(C.objectMeta), "spec": .object(jobSpec),
    ])

    static let cronJobSpec = ObjectSchema("CronJobSpec", required: ["schedule", "jobTemplate"], [
        "schedule": .string, "timeZone": .string, "startingDeadlineSeconds": .integer,
        "concurrencyPolicy": .string, "suspend": .boolean, "jobTemplate": .object(jobTemplateSpec),
        "successfulJobsHistoryLimit": .integer, "failedJobsHistoryLimit": .integer,
    ])

    static let replicationControllerSpec = ObjectSchema("ReplicationControllerSpec", [
        "replicas": .integer, "minReadySeconds": .integer, "selector": .stringMap,
        "template": .object(C.podTemplateSpec),
    ])

    /// The schema of each kind checked; other kinds are not ours to judge.
    static let byKind: [String: ObjectSchema] = [
        "Pod": topLevel("Pod", ["spec": .object(C.podSpec)]),
        "PodTemplate": topLevel("PodTemplate", ["template": .object(C.podTemplateSpec)]),
        "Deployment": topLevel("Deployment", required: ["spec"], ["spec": .object(deploymentSpec)]),
        "ReplicaSet": topLevel("ReplicaSet", required: ["spec"], ["spec": .object(replicaSetSpec)]),
        "StatefulSet": topLevel("StatefulSet", required: ["spec"], ["spec": .object(statefulSetSpec)]),
        "DaemonSet": topLevel("DaemonSet", required: ["spec"], ["spec": .object(daemonSetSpec)]),
        "Job": topLevel("Job", required: ["spec"], ["spec": .object(jobSpec)]),
        "CronJob": topLevel("CronJob", required: ["spec"], ["spec": .object(cronJobSpec)]),
        "ReplicationController": topLevel("ReplicationController", ["spec": .object(replicationControllerSpec)]),
    ]
}
