/// core/v1 object schemas (Kubernetes 1.34 field names), as the API's OpenAPI
/// document lists them. Open objects (any fields) where modelling costs more
/// than it teaches: `affinity` internals, `managedFields`, `status`, the alpha
/// `podCertificate` projection and the legacy `source` of a PodResourceClaim.
enum CoreSchemas {
    // MARK: - Metadata

    static let ownerReference = ObjectSchema("OwnerReference", required: ["apiVersion", "kind", "name", "uid"], [
        "apiVersion": .string, "kind": .string, "name": .string, "uid": .string,
        "controller": .boolean, "blockOwnerDeletion": .boolean,
    ])

    private static let objectMetaFields: [String: FieldType] = [
        "name": .string, "generateName": .string, "namespace": .string, "selfLink": .string,
        "uid": .string, "resourceVersion": .string, "generation": .integer,
        "creationTimestamp": .string, "deletionTimestamp": .string, "deletionGracePeriodSeconds": .integer,
        "labels": .stringMap, "annotations": .stringMap,
        "ownerReferences": .array(.object(ownerReference)),
        "finalizers": .array(.string),
        "managedFields": .array(.openObject),
    ]

    /// Metadata of a template or an embedded object: nothing required.
    static let objectMeta = ObjectSchema("ObjectMeta", objectMetaFields)
    /// Metadata of a top-level object: a name or a generateName.
    static let topObjectMeta = ObjectSchema("ObjectMeta", requiresNameOrGenerateName: true, objectMetaFields)

    static let labelSelectorRequirement = ObjectSchema("LabelSelectorRequirement", required: ["key", "operator"], [
        "key": .string, "operator": .string, "values": .array(.string),
    ])

    static let labelSelector = ObjectSchema("LabelSelector", [
        "matchLabels": .stringMap,
        "matchExpressions": .array(.object(labelSelectorRequirement)),
    ])

    static let localObjectReference = ObjectSchema("LocalObjectReference", ["name": .string])

    // MARK: - Container parts

    static let containerPort = ObjectSchema("ContainerPort", required: ["containerPort"], [
        "name": .string, "hostPort": .integer, "containerPort": .integer, "protocol": .string, "hostIP": .string,
    ])

    static let objectFieldSelector = ObjectSchema("ObjectFieldSelector", required: ["fieldPath"], [
        "apiVersion": .string, "fieldPath": .string,
    ])

    static let resourceFieldSelector = ObjectSchema("ResourceFieldSelector", required: ["resource"], [
        "containerName": .string, "resource": .string, "divisor": .quantity,
    ])

    static let keySelector = ObjectSchema("KeySelector", required: ["key"], [
        "name": .string, "key": .string, "optional": .boolean,
    ])

    static let fileKeySelector = ObjectSchema("FileKeySelector", required: ["volumeName", "path", "key"], [
        "volumeName": .string, "path": .string, "key": .string, "optional": .boolean,
    ])

    static let envVarSource = ObjectSchema("EnvVarSource", [
        "fieldRef": .object(objectFieldSelector),
        "resourceFieldRef": .object(resourceFieldSelector),
        "configMapKeyRef": .object(keySelector),
        "secretKeyRef": .object(keySelector),
        "fileKeyRef": .object(fileKeySelector),
    ])

    static let envVar = ObjectSchema("EnvVar", required: ["name"], [
        "name": .string, "value": .string, "valueFrom": .object(envVarSource),
    ])

    static let optionalReference = ObjectSchema("EnvFromReference", ["name": .string, "optional": .boolean])

    static let envFromSource = ObjectSchema("EnvFromSource", [
        "prefix": .string,
        "configMapRef": .object(optionalReference),
        "secretRef": .object(optionalReference),
    ])

    static let resourceClaim = ObjectSchema("ResourceClaim", required: ["name"], ["name": .string, "request": .string])

    static let resourceRequirements = ObjectSchema("ResourceRequirements", [
        "limits": .map(.quantity), "requests": .map(.quantity),
        "claims": .array(.object(resourceClaim)),
    ])

    static let containerResizePolicy = ObjectSchema("ContainerResizePolicy", required: ["resourceName", "restartPolicy"], [
        "resourceName": .string, "restartPolicy": .string,
    ])

    static let exitCodesRequirement = ObjectSchema("ContainerRestartRuleOnExitCodes", required: ["operator"], [
        "operator": .string, "values": .array(.integer),
    ])

    static let containerRestartRule = ObjectSchema("ContainerRestartRule", required: ["action"], [
        "action": .string, "exitCodes": .object(exitCodesRequirement),
    ])

    static let volumeMount = ObjectSchema("VolumeMount", required: ["name", "mountPath"], [
        "name": .string, "readOnly": .boolean, "recursiveReadOnly": .string, "mountPath": .string,
        "subPath": .string, "mountPropagation": .string, "subPathExpr": .string,
    ])

    static let volumeDevice = ObjectSchema("VolumeDevice", required: ["name", "devicePath"], [
        "name": .string, "devicePath": .string,
    ])

    static let execAction = ObjectSchema("ExecAction", ["command": .array(.string)])

    static let httpHeader = ObjectSchema("HTTPHeader", required: ["name", "value"], ["name": .string, "value": .string])

    static let httpGetAction = ObjectSchema("HTTPGetAction", required: ["port"], [
        "path": .string, "port": .intOrString, "host": .string, "scheme": .string,
        "httpHeaders": .array(.object(httpHeader)),
    ])

    static let tcpSocketAction = ObjectSchema("TCPSocketAction", required: ["port"], [
        "port": .intOrString, "host": .string,
    ])

    static let grpcAction = ObjectSchema("GRPCAction", required: ["port"], ["port": .integer, "service": .string])

    static let sleepAction = ObjectSchema("SleepAction", required: ["seconds"], ["seconds": .integer])

    static let probe = ObjectSchema("Probe", [
        "exec": .object(execAction), "httpGet": .object(httpGetAction),
        "tcpSocket": .object(tcpSocketAction), "grpc": .object(grpcAction),
        "initialDelaySeconds": .integer, "timeoutSeconds": .integer, "periodSeconds": .integer,
        "successThreshold": .integer, "failureThreshold": .integer, "terminationGracePeriodSeconds": .integer,
    ])

    static let lifecycleHandler = ObjectSchema("LifecycleHandler", [
        "exec": .object(execAction), "httpGet": .object(httpGetAction),
        "tcpSocket": .object(tcpSocketAction), "sleep": .object(sleepAction),
    ])

    static let lifecycle = ObjectSchema("Lifecycle", [
        "postStart": .object(lifecycleHandler), "preStop": .object(lifecycleHandler), "stopSignal": .string,
    ])

    static let capabilities = ObjectSchema("Capabilities", ["add": .array(.string), "drop": .array(.string)])

    static let seLinuxOptions = ObjectSchema("SELinuxOptions", [
        "user": .string, "role": .string, "type": .string, "level": .string,
    ])

    static let windowsOptions = ObjectSchema("WindowsSecurityContextOptions", [
        "gmsaCredentialSpecName": .string, "gmsaCredentialSpec": .string,
        "runAsUserName": .string, "hostProcess": .boolean,
    ])

    static let seccompProfile = ObjectSchema("SeccompProfile", required: ["type"], [
        "type": .string, "localhostProfile": .string,
    ])

    static let appArmorProfile = ObjectSchema("AppArmorProfile", required: ["type"], [
        "type": .string, "localhostProfile": .string,
    ])

    static let securityContext = ObjectSchema("SecurityContext", [
        "capabilities": .object(capabilities), "privileged": .boolean,
        "seLinuxOptions": .object(seLinuxOptions), "windowsOptions": .object(windowsOptions),
        "runAsUser": .integer, "runAsGroup": .integer, "runAsNonRoot": .boolean,
        "readOnlyRootFilesystem": .boolean, "allowPrivilegeEscalation": .boolean,
        "procMount": .string, "seccompProfile": .object(seccompProfile),
        "appArmorProfile": .object(appArmorProfile),
    ])

    static let sysctl = ObjectSchema("Sysctl", required: ["name", "value"], ["name": .string, "value": .string])

    static let podSecurityContext = ObjectSchema("PodSecurityContext", [
        "seLinuxOptions": .object(seLinuxOptions), "windowsOptions": .object(windowsOptions),
        "runAsUser": .integer, "runAsGroup": .integer, "runAsNonRoot": .boolean,
        "supplementalGroups": .array(.integer), "supplementalGroupsPolicy": .string,
        "fsGroup": .integer, "sysctls": .array(.object(sysctl)), "fsGroupChangePolicy": .string,
        "seccompProfile": .object(seccompProfile), "appArmorProfile": .object(appArmorProfile),
        "seLinuxChangePolicy": .string,
    ])

    private static let containerFields: [String: FieldType] = [
        "name": .string, "image": .string,
        "command": .array(.string), "args": .array(.string), "workingDir": .string,
        "ports": .array(.object(containerPort)),
        "envFrom": .array(.object(envFromSource)),
        "env": .array(.object(envVar)),
        "resources": .object(resourceRequirements),
        "resizePolicy": .array(.object(containerResizePolicy)),
        "restartPolicy": .string,
        "restartPolicyRules": .array(.object(containerRestartRule)),
        "volumeMounts": .array(.object(volumeMount)),
        "volumeDevices": .array(.object(volumeDevice)),
        "livenessProbe": .object(probe), "readinessProbe": .object(probe), "startupProbe": .object(probe),
        "lifecycle": .object(lifecycle),
        "terminationMessagePath": .string, "terminationMessagePolicy": .string,
        "imagePullPolicy": .string,
        "securityContext": .object(securityContext),
        "stdin": .boolean, "stdinOnce": .boolean, "tty": .boolean,
    ]

    static let container = ObjectSchema("Container", required: ["name", "image"], containerFields)

    static let ephemeralContainer = container.extended("EphemeralContainer", ["targetContainerName": .string])

    // MARK: - Pod-level parts

    static let toleration = ObjectSchema("Toleration", [
        "key": .string, "operator": .string, "value": .string, "effect": .string, "tolerationSeconds": .integer,
    ])

    static let hostAlias = ObjectSchema("HostAlias", required: ["ip"], ["ip": .string, "hostnames": .array(.string)])

    static let dnsConfigOption = ObjectSchema("PodDNSConfigOption", ["name": .string, "value": .string])

    static let podDNSConfig = ObjectSchema("PodDNSConfig", [
        "nameservers": .array(.string), "searches": .array(.string),
        "options": .array(.object(dnsConfigOption)),
    ])

    static let readinessGate = ObjectSchema("PodReadinessGate", required: ["conditionType"], ["conditionType": .string])

    static let topologySpreadConstraint = ObjectSchema("TopologySpreadConstraint",
                                                       required: ["maxSkew", "topologyKey", "whenUnsatisfiable"], [
        "maxSkew": .integer, "topologyKey": .string, "whenUnsatisfiable": .string,
        "labelSelector": .object(labelSelector), "minDomains": .integer,
        "nodeAffinityPolicy": .string, "nodeTaintsPolicy": .string, "matchLabelKeys": .array(.string),
    ])

    static let podOS = ObjectSchema("PodOS", required: ["name"], ["name": .string])

    static let schedulingGate = ObjectSchema("PodSchedulingGate", required: ["name"], ["name": .string])

    static let podResourceClaim = ObjectSchema("PodResourceClaim", required: ["name"], [
        "name": .string, "resourceClaimName": .string, "resourceClaimTemplateName": .string,
        "source": .openObject, // pre-1.31 shape, still accepted by old clusters
    ])

    static let podSpec = ObjectSchema("PodSpec", required: ["containers"], [
        "volumes": .array(.object(VolumeSchemas.volume)),
        "initContainers": .array(.object(container)),
        "containers": .array(.object(container)),
        "ephemeralContainers": .array(.object(ephemeralContainer)),
        "restartPolicy": .string,
        "terminationGracePeriodSeconds": .integer,
        "activeDeadlineSeconds": .integer,
        "dnsPolicy": .string,
        "nodeSelector": .stringMap,
        "serviceAccountName": .string,
        "serviceAccount": .string,
        "automountServiceAccountToken": .boolean,
        "nodeName": .string,
        "hostNetwork": .boolean, "hostPID": .boolean, "hostIPC": .boolean,
        "shareProcessNamespace": .boolean,
        "securityContext": .object(podSecurityContext),
        "imagePullSecrets": .array(.object(localObjectReference)),
        "hostname": .string, "subdomain": .string,
        "affinity": .openObject, // nodeAffinity / podAffinity / podAntiAffinity: deep, not modelled
        "schedulerName": .string,
        "tolerations": .array(.object(toleration)),
        "hostAliases": .array(.object(hostAlias)),
        "priorityClassName": .string, "priority": .integer,
        "dnsConfig": .object(podDNSConfig),
        "readinessGates": .array(.object(readinessGate)),
        "runtimeClassName": .string,
        "enableServiceLinks": .boolean,
        "preemptionPolicy": .string,
        "overhead": .map(.quantity),
        "topologySpreadConstraints": .array(.object(topologySpreadConstraint)),
        "setHostnameAsFQDN": .boolean,
        "os": .object(podOS),
        "hostUsers": .boolean,
        "schedulingGates": .array(.object(schedulingGate)),
        "resourceClaims": .array(.object(podResourceClaim)),
        "resources": .object(resourceRequirements),
        "hostnameOverride": .string,
    ])

    static let podTemplateSpec = ObjectSchema("PodTemplateSpec", [
        "metadata": .object(objectMeta), "spec": .object(podSpec),
    ])
}
