import Testing
import PodGradeYAML
@testable import PodGradeKubernetes

@Suite struct MetadataValidationTests {
    @Test func podNameIsADNSSubdomain() {
        #expect(check(pod()).isEmpty)
        #expect(check("apiVersion: v1\nkind: Pod\nmetadata: {name: web.example-1}\nspec: {containers: [{name: a, image: b}]}\n").isEmpty)
        let m = Marked("apiVersion: v1\nkind: Pod\nmetadata: {name: ⟨My_Pod}\nspec: {containers: [{name: a, image: b}]}\n")
        #expect(check(m) == [validIssue(.invalid("My_Pod", .dns1123Subdomain), "metadata.name", m.mark)])
    }

    @Test func namespaceIsADNSLabel() {
        #expect(check(pod(meta: "namespace: elastic-stack")).isEmpty)
        let m = Marked(pod(meta: "namespace: ⟨elastic.stack"))
        #expect(check(m) == [validIssue(.invalid("elastic.stack", .dns1123Label), "metadata.namespace", m.mark)])
    }

    @Test func labelKeysAndValues() {
        #expect(check(pod(meta: "labels: {app.kubernetes.io/name: web, tier: \"\", v: 1.0.2}")).isEmpty)
        let m = Marked(pod(meta: "labels:\n  ⟨-app: web\n  tier: ⟨front end"))
        #expect(check(m) == [
            validIssue(.invalid("-app", .labelKey), "metadata.labels.-app", m[0]),
            validIssue(.invalid("front end", .labelValue), "metadata.labels.tier", m[1]),
        ])
    }
}

@Suite struct ContainerValidationTests {
    @Test func containersRequired() {
        let m = Marked("apiVersion: v1\nkind: Pod\nmetadata: {name: a}\nspec:\n  containers: ⟨[]\n")
        #expect(check(m) == [validIssue(.required, "spec.containers", m.mark)])
        let noSpec = Marked("⟨apiVersion: v1\nkind: Pod\nmetadata: {name: a}\n")
        #expect(check(noSpec) == [validIssue(.required, "spec.containers", noSpec.mark)])
        let noTemplateSpec = Marked("apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: a}\nspec:\n  selector: {matchLabels: {a: b}}\n  template:\n    ⟨metadata: {labels: {a: b}}\n")
        #expect(check(noTemplateSpec) == [validIssue(.required, "spec.template.spec.containers", noTemplateSpec.mark)])
        // A missing template is the schema's finding alone.
        let noTemplate = Marked("apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: a}\nspec:\n  ⟨selector: {matchLabels: {a: b}}\n")
        #expect(check(noTemplate) == [schemaIssue(.required, "spec.template", noTemplate.mark)])
        let specNotObject = Marked("apiVersion: v1\nkind: Pod\nmetadata: {name: a}\nspec: ⟨[]\n")
        #expect(check(specNotObject) == [schemaIssue(.wrongType(expected: .object, found: "array"), "spec", specNotObject.mark)])
    }

    @Test func containerNameIsADNSLabel() {
        let m = Marked("apiVersion: v1\nkind: Pod\nmetadata: {name: a}\nspec:\n  containers:\n  - name: ⟨Web_Server\n    image: nginx\n")
        #expect(check(m) == [validIssue(.invalid("Web_Server", .dns1123Label), "spec.containers[0].name", m.mark)])
    }

    @Test func containerNamesAreUnique() {
        let m = Marked(pod(after: "- name: ⟨app\n  image: redis"))
        #expect(check(m) == [validIssue(.duplicate("app"), "spec.containers[1].name", m.mark)])
        // Kubernetes checks init containers against the app containers: the init one is reported.
        let i = Marked(pod(spec: "initContainers:\n- name: ⟨app\n  image: busybox"))
        #expect(check(i) == [validIssue(.duplicate("app"), "spec.initContainers[0].name", i.mark)])
        #expect(check(pod(spec: "initContainers:\n- name: init\n  image: busybox")).isEmpty)
    }

    @Test func imageRequiredAndTrimmed() {
        let empty = Marked(pod(after: "- name: two\n  image: ⟨\"\""))
        #expect(check(empty) == [validIssue(.required, "spec.containers[1].image", empty.mark)])
        let spaced = Marked(pod(after: "- name: two\n  image: ⟨\" nginx\""))
        #expect(check(spaced) == [validIssue(.invalid(" nginx", .imageWhitespace), "spec.containers[1].image", spaced.mark)])
        // Templates may hold " " as a placeholder: only a Pod's images are checked for it.
        #expect(check("""
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: d}
        spec:
          selector: {matchLabels: {app: d}}
          template:
            metadata: {labels: {app: d}}
            spec: {containers: [{name: a, image: " nginx"}]}
        """).isEmpty)
    }

    @Test func restartPolicyOnContainers() {
        let app = Marked(pod(container: "restartPolicy: ⟨Always"))
        #expect(check(app) == [validIssue(.forbidden(.restartPolicyOnAppContainer), "spec.containers[0].restartPolicy", app.mark)])
        #expect(check(pod(spec: "initContainers:\n- name: shipper\n  image: fluentd\n  restartPolicy: Always")).isEmpty)
        let initOnFailure = Marked(pod(spec: "initContainers:\n- name: shipper\n  image: fluentd\n  restartPolicy: ⟨OnFailure"))
        #expect(check(initOnFailure) == [validIssue(.notSupported("OnFailure", supported: ["Always"]),
                                                    "spec.initContainers[0].restartPolicy", initOnFailure.mark)])
    }

    @Test func probesAndHooks() {
        #expect(check(pod(container: "livenessProbe: {httpGet: {path: /, port: 80}, successThreshold: 1}\nreadinessProbe: {tcpSocket: {port: 80}, successThreshold: 3}\nlifecycle: {preStop: {sleep: {seconds: 5}}}")).isEmpty)
        #expect(check(pod(spec: "initContainers:\n- {name: side, image: envoy, restartPolicy: Always, startupProbe: {exec: {command: [ls]}}}")).isEmpty)
        let m = Marked(pod(container: "livenessProbe: ⟨{initialDelaySeconds: 5}\nstartupProbe: {exec: {command: [a]}, ⟨grpc: {port: 9}, successThreshold: ⟨2}"))
        #expect(check(m) == [
            validIssue(.required, "spec.containers[0].livenessProbe", m[0]),
            validIssue(.forbidden(.moreThanOneHandler), "spec.containers[0].startupProbe.grpc", m[1]),
            validIssue(.forbidden(.successThresholdNotOne), "spec.containers[0].startupProbe.successThreshold", m[2]),
        ])
        let i = Marked(pod(spec: "initContainers:\n- name: init\n  image: busybox\n  ⟨readinessProbe: {exec: {command: [a]}}"))
        #expect(check(i) == [validIssue(.forbidden(.probeOnInitContainer),
                                        "spec.initContainers[0].readinessProbe", i.mark)])
    }

    @Test func enumeratedFields() {
        #expect(check(pod(spec: "dnsPolicy: ClusterFirst", container: "imagePullPolicy: IfNotPresent\nterminationMessagePolicy: File")).isEmpty)
        let m = Marked(pod(spec: "dnsPolicy: ⟨clusterfirst", container: "imagePullPolicy: ⟨IfNotPresents"))
        #expect(check(m) == [
            validIssue(.notSupported("IfNotPresents", supported: ["Always", "IfNotPresent", "Never"]), "spec.containers[0].imagePullPolicy", m[1]),
            validIssue(.notSupported("clusterfirst", supported: ["ClusterFirst", "ClusterFirstWithHostNet", "Default", "None"]), "spec.dnsPolicy", m[0]),
        ])
    }

    @Test func podRestartPolicy() {
        #expect(check(pod(spec: "restartPolicy: OnFailure")).isEmpty)
        let m = Marked(pod(spec: "restartPolicy: ⟨Sometimes"))
        #expect(check(m) == [validIssue(.notSupported("Sometimes", supported: ["Always", "OnFailure", "Never"]), "spec.restartPolicy", m.mark)])
    }

    @Test func envNames() {
        #expect(check(pod(container: "env:\n- {name: 1ST-VAR.x, value: a}\n- {name: B, valueFrom: {fieldRef: {fieldPath: metadata.name}}}")).isEmpty)
        let m = Marked(pod(container: "env:\n- name: ⟨A=B\n  value: x\n- name: C\n  value: x\n  valueFrom: ⟨{fieldRef: {fieldPath: metadata.name}}"))
        #expect(check(m) == [
            validIssue(.invalid("A=B", .envVarName), "spec.containers[0].env[0].name", m[0]),
            validIssue(.forbidden(.valueFromWithValue), "spec.containers[0].env[1].valueFrom", m[1]),
        ])
    }
}

@Suite struct PortValidationTests {
    @Test func containerPortRange() {
        #expect(check(pod(container: "ports:\n- containerPort: 65535\n- containerPort: 1")).isEmpty)
        let m = Marked(pod(container: "ports:\n- containerPort: ⟨70000\n- containerPort: ⟨0"))
        #expect(check(m) == [
            validIssue(.invalid("70000", .portRange), "spec.containers[0].ports[0].containerPort", m[0]),
            validIssue(.required, "spec.containers[0].ports[1].containerPort", m[1]),
        ])
    }

    @Test func hostPortRange() {
        #expect(check(pod(container: "ports:\n- {containerPort: 80, hostPort: 8080}")).isEmpty)
        let m = Marked(pod(container: "ports:\n- {containerPort: 80, hostPort: ⟨-1}"))
        #expect(check(m) == [validIssue(.invalid("-1", .portRange), "spec.containers[0].ports[0].hostPort", m.mark)])
    }

    @Test func portNames() {
        #expect(check(pod(container: "ports:\n- {containerPort: 80, name: http}\n- {containerPort: 9100, name: node-metrics}")).isEmpty)
        let m = Marked(pod(container: "ports:\n- {containerPort: 80, name: ⟨http-metrics-port}\n- {containerPort: 81, name: ⟨HTTP}\n- {containerPort: 82, name: ⟨\"8080\"}\n- {containerPort: 83, name: web}\n- {containerPort: 84, name: ⟨web}"))
        #expect(check(m) == [
            validIssue(.invalid("http-metrics-port", .ianaServiceName), "spec.containers[0].ports[0].name", m[0]),
            validIssue(.invalid("HTTP", .ianaServiceName), "spec.containers[0].ports[1].name", m[1]),
            validIssue(.invalid("8080", .ianaServiceName), "spec.containers[0].ports[2].name", m[2]),
            validIssue(.duplicate("web"), "spec.containers[0].ports[4].name", m[3]),
        ])
    }

    @Test func protocols() {
        #expect(check(pod(container: "ports:\n- {containerPort: 53, protocol: UDP}\n- {containerPort: 53, protocol: TCP}\n- {containerPort: 9, protocol: SCTP}")).isEmpty)
        let m = Marked(pod(container: "ports:\n- {containerPort: 53, protocol: ⟨udp}"))
        #expect(check(m) == [validIssue(.notSupported("udp", supported: ["SCTP", "TCP", "UDP"]), "spec.containers[0].ports[0].protocol", m.mark)])
    }

    @Test func hostPortClash() {
        #expect(check(pod(container: "ports:\n- {containerPort: 80, hostPort: 8080}", after: "- name: b\n  image: redis\n  ports:\n  - {containerPort: 81, hostPort: 8080, protocol: UDP}")).isEmpty)
        let m = Marked(pod(container: "ports:\n- {containerPort: 80, hostPort: 8080}", after: "- name: b\n  image: redis\n  ports:\n  - {containerPort: 81, hostPort: ⟨8080}"))
        #expect(check(m) == [validIssue(.duplicate("/TCP/8080"), "spec.containers[1].ports[0].hostPort", m.mark)])
    }

    @Test func duplicatePortWarning() {
        #expect(check(pod(container: "ports:\n- containerPort: 80", after: "- name: b\n  image: redis\n  ports:\n  - containerPort: 8080")).isEmpty)
        #expect(check(pod(container: "ports:\n- containerPort: 53", after: "- name: b\n  image: dns\n  ports:\n  - {containerPort: 53, protocol: UDP}")).isEmpty)
        let m = Marked(pod(container: "ports:\n- containerPort: 80", after: "- name: cadvisor\n  image: cadvisor\n  ports:\n  - containerPort: ⟨80"))
        #expect(check(m) == [validIssue(.duplicatePort(port: 80, protocol: "TCP", otherPath: "spec.containers[0].ports[0]"),
                                        "spec.containers[1].ports[0].containerPort", m.mark, .warning)])
        // A native sidecar shares the network namespace too (init containers are visited first).
        let s = Marked(pod(spec: "initContainers:\n- name: proxy\n  image: envoy\n  restartPolicy: Always\n  ports: [{containerPort: 8080}]",
                           container: "ports:\n- containerPort: ⟨8080"))
        #expect(check(s) == [validIssue(.duplicatePort(port: 8080, protocol: "TCP", otherPath: "spec.initContainers[0].ports[0]"),
                                        "spec.containers[0].ports[0].containerPort", s.mark, .warning)])
    }
}

@Suite struct VolumeValidationTests {
    static let volumes = "volumes:\n- name: data\n  emptyDir: {}\n"

    @Test func volumeNames() {
        let m = Marked(pod(spec: "volumes:\n- name: ⟨Data\n  emptyDir: {}\n- name: logs\n  emptyDir: {}\n- name: ⟨logs\n  emptyDir: {}"))
        #expect(check(m) == [
            validIssue(.invalid("Data", .dns1123Label), "spec.volumes[0].name", m[0]),
            validIssue(.duplicate("logs"), "spec.volumes[2].name", m[1]),
        ])
    }

    @Test func volumeSources() {
        let m = Marked(pod(spec: "volumes:\n- ⟨name: none\n- name: two\n  emptyDir: {}\n  ⟨hostPath: {path: /tmp}"))
        #expect(check(m) == [
            validIssue(.forbidden(.noVolumeType), "spec.volumes[0]", m[0]),
            validIssue(.forbidden(.moreThanOneVolumeType), "spec.volumes[1].hostPath", m[1]),
        ])
        // A null source is no source, as JSON null is absent.
        #expect(check(pod(spec: "volumes:\n- name: one\n  emptyDir: {}\n  hostPath: null")).isEmpty)
    }

    @Test func hostPathChecks() {
        #expect(check(pod(spec: "volumes:\n- name: root\n  hostPath: {path: /, type: Directory}")).isEmpty)
        let m = Marked(pod(spec: "volumes:\n- name: a\n  hostPath: {path: ⟨\"\"}\n- name: b\n  hostPath: {path: ⟨/var/../etc, type: ⟨Folder}"))
        #expect(check(m) == [
            validIssue(.required, "spec.volumes[0].hostPath.path", m[0]),
            validIssue(.invalid("/var/../etc", .subPathBacktrack), "spec.volumes[1].hostPath.path", m[1]),
            validIssue(.notSupported("Folder", supported: ["BlockDevice", "CharDevice", "Directory", "DirectoryOrCreate", "File", "FileOrCreate", "Socket"]),
                       "spec.volumes[1].hostPath.type", m[2]),
        ])
    }

    @Test func configMapAndSecretNames() {
        #expect(check(pod(spec: "volumes:\n- name: c\n  configMap: {name: cm}\n- name: s\n  secret: {secretName: s}")).isEmpty)
        let m = Marked(pod(spec: "volumes:\n- name: c\n  configMap: ⟨{defaultMode: 420}\n- name: s\n  secret: {secretName: ⟨\"\"}"))
        #expect(check(m) == [
            validIssue(.required, "spec.volumes[0].configMap.name", m[0]),
            validIssue(.required, "spec.volumes[1].secret.secretName", m[1]),
        ])
    }

    @Test func mountsNameDefinedVolumes() {
        #expect(check(pod(spec: Self.volumes, container: "volumeMounts:\n- {name: data, mountPath: /data}")).isEmpty)
        let m = Marked(pod(spec: Self.volumes, container: "volumeMounts:\n- name: ⟨logs\n  mountPath: /var/log"))
        #expect(check(m) == [validIssue(.notFound("logs"), "spec.containers[0].volumeMounts[0].name", m.mark)])
    }

    @Test func mountPathsRequiredAndUnique() {
        // Kubernetes does not require an absolute mountPath on Linux.
        #expect(check(pod(spec: Self.volumes, container: "volumeMounts:\n- {name: data, mountPath: data}")).isEmpty)
        let m = Marked(pod(spec: Self.volumes, container: "volumeMounts:\n- {name: data, mountPath: /a}\n- {name: data, mountPath: ⟨/a}\n- {name: data, mountPath: ⟨\"\"}"))
        #expect(check(m) == [
            validIssue(.duplicate("/a"), "spec.containers[0].volumeMounts[1].mountPath", m[0]),
            validIssue(.required, "spec.containers[0].volumeMounts[2].mountPath", m[1]),
        ])
    }

    @Test func subPaths() {
        #expect(check(pod(spec: Self.volumes, container: "volumeMounts:\n- {name: data, mountPath: /a, subPath: logs/app..1}")).isEmpty)
        let m = Marked(pod(spec: Self.volumes, container: """
        volumeMounts:
        - {name: data, mountPath: /a, subPath: ⟨/abs}
        - {name: data, mountPath: /b, subPath: ⟨a/../../b}
        - {name: data, mountPath: /c, subPath: x, subPathExpr: ⟨$(POD)}
        """))
        #expect(check(m) == [
            validIssue(.invalid("/abs", .subPathAbsolute), "spec.containers[0].volumeMounts[0].subPath", m[0]),
            validIssue(.invalid("a/../../b", .subPathBacktrack), "spec.containers[0].volumeMounts[1].subPath", m[1]),
            validIssue(.forbidden(.subPathAndExpr), "spec.containers[0].volumeMounts[2].subPathExpr", m[2]),
        ])
    }
}

@Suite struct ResourceValidationTests {
    @Test func validResources() {
        #expect(check(pod(container: "resources:\n  requests: {memory: 64Mi, cpu: 100m}\n  limits: {memory: 128Mi, cpu: 0.2}")).isEmpty)
        #expect(check(pod(container: "resources:\n  requests: {cpu: 500m}\n  limits: {cpu: \"0.5\"}")).isEmpty)
    }

    @Test func unparseableAndNegative() {
        let m = Marked(pod(container: "resources:\n  limits: {memory: ⟨64MB, cpu: ⟨-1}\n  requests: {memory: ⟨1.5.0}"))
        #expect(check(m) == [
            // A unit written as people write it: the message says what to write.
            validIssue(.invalid("64MB", .quantityUnit(suggestion: "64Mi")), "spec.containers[0].resources.limits.memory", m[0]),
            validIssue(.invalid("-1", .negative), "spec.containers[0].resources.limits.cpu", m[1]),
            validIssue(.invalid("1.5.0", .quantity), "spec.containers[0].resources.requests.memory", m[2]),
        ])
    }

    @Test func resourceNames() {
        #expect(check(pod(container: "resources:\n  limits: {ephemeral-storage: 1Gi, hugepages-2Mi: 2Mi, nvidia.com/gpu: 1}")).isEmpty)
        let m = Marked(pod(container: "resources:\n  limits: {memmory: ⟨64Mi}"))
        #expect(check(m) == [validIssue(.notSupported("memmory", supported: ["cpu", "ephemeral-storage", "memory"]),
                                        "spec.containers[0].resources.limits.memmory", m.mark)])
    }

    @Test func requestAboveLimit() {
        let m = Marked(pod(container: "resources:\n  requests:\n    memory: ⟨256Mi\n  limits:\n    memory: 128Mi"))
        #expect(check(m) == [validIssue(.invalid("256Mi", .requestAboveLimit(resource: "memory", limit: "128Mi")),
                                        "spec.containers[0].resources.requests.memory", m.mark)])
    }
}

@Suite struct OwnerValidationTests {
    static func deployment(selector: String, labels: String, replicas: String = "3", extra: String = "") -> String {
        """
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: web-app}
        spec:
          replicas: \(replicas)
          selector: \(selector)
          template:
            metadata:
              labels: \(labels)
            spec:
        \(extra)      containers: [{name: web, image: nginx}]

        """
    }

    @Test func selectorMatchesTemplate() {
        #expect(check(Self.deployment(selector: "{matchLabels: {app: web}}", labels: "{app: web, tier: fe}")).isEmpty)
        #expect(check(Self.deployment(selector: "{matchExpressions: [{key: app, operator: In, values: [web, api]}]}", labels: "{app: web}")).isEmpty)
        let m = Marked(Self.deployment(selector: "{matchLabels: {app: web}}", labels: "⟨{app: webapp}"))
        #expect(check(m) == [validIssue(.invalid("{\"app\":\"webapp\"}", .selectorMismatch), "spec.template.metadata.labels", m.mark)])
    }

    @Test func selectorRequirements() {
        let m = Marked(Self.deployment(selector: "{matchExpressions: [⟨{key: app, operator: Equals, values: [web]}]}", labels: "{app: web}"))
        #expect(check(m) == [
            validIssue(.notSupported("Equals", supported: ["DoesNotExist", "Exists", "In", "NotIn"]), "spec.selector.matchExpressions[0].operator", m.mark),
            validIssue(.invalid("{\"app\":\"web\"}", .selectorMismatch), "spec.template.metadata.labels", Mark(line: 9, column: 15)),
        ])
        let empty = Marked(Self.deployment(selector: "⟨{}", labels: "{app: web}"))
        #expect(check(empty) == [validIssue(.forbidden(.emptySelector(kind: "Deployment")), "spec.selector", empty.mark)])
    }

    @Test func replicasNonNegative() {
        let m = Marked(Self.deployment(selector: "{matchLabels: {app: web}}", labels: "{app: web}", replicas: "⟨-1"))
        #expect(check(m) == [validIssue(.invalid("-1", .nonNegative), "spec.replicas", m.mark)])
    }

    @Test func deploymentRestartPolicy() {
        let m = Marked(Self.deployment(selector: "{matchLabels: {app: web}}", labels: "{app: web}", extra: "      restartPolicy: ⟨Never\n"))
        #expect(check(m) == [validIssue(.notSupported("Never", supported: ["Always"]), "spec.template.spec.restartPolicy", m.mark)])
    }

    @Test func jobRestartPolicy() {
        #expect(check("apiVersion: batch/v1\nkind: Job\nmetadata: {name: j}\nspec:\n  template:\n    spec:\n      restartPolicy: OnFailure\n      containers: [{name: a, image: b}]\n").isEmpty)
        let m = Marked("apiVersion: batch/v1\nkind: Job\nmetadata: {name: j}\nspec:\n  template:\n    spec:\n      ⟨containers: [{name: a, image: b}]\n")
        #expect(check(m) == [validIssue(.notSupported("Always", supported: ["OnFailure", "Never"]), "spec.template.spec.restartPolicy", m.mark)])
    }

    @Test func replicationControllerSelector() {
        let rc = "apiVersion: v1\nkind: ReplicationController\nmetadata: {name: rc}\nspec:\n  selector: {app: a}\n  template:\n    metadata:\n      labels: LABELS\n    spec: {containers: [{name: a, image: b}]}\n"
        #expect(check(rc.replacing("LABELS", with: "{app: a}")).isEmpty)
        let decoded = YAMLReader.read(rc.replacing("LABELS", with: "{app: a}")).documents.first.map(WorkloadDecoder.workloads) ?? []
        #expect(decoded.first?.selector?.matchLabels.map(\.key) == ["app"])
        #expect(decoded.first?.selector?.matchLabels.first?.value.path == "spec.selector.app")
        let m = Marked(rc.replacing("LABELS", with: "⟨{app: b}"))
        #expect(check(m) == [validIssue(.invalid("{\"app\":\"b\"}", .selectorMismatch), "spec.template.metadata.labels", m.mark)])
    }

    @Test func statefulSetClaimsAreVolumes() {
        #expect(check("""
        apiVersion: apps/v1
        kind: StatefulSet
        metadata: {name: db}
        spec:
          selector: {matchLabels: {app: db}}
          template:
            metadata: {labels: {app: db}}
            spec: {containers: [{name: db, image: mysql, volumeMounts: [{name: data, mountPath: /var/lib/mysql}]}]}
          volumeClaimTemplates:
          - metadata: {name: data}
            spec: {accessModes: [ReadWriteOnce]}
        """).isEmpty)
    }
}
