import Testing
import PodGradeYAML
@testable import PodGradeKubernetes

@Suite struct SchemaTests {
    @Test func validPodHasNoIssues() {
        #expect(check(pod(container: "ports:\n- containerPort: 80\n  name: http")).isEmpty)
    }

    @Test func unknownFieldSuggestsCloseName() {
        let m = Marked(pod(container: "⟨volumeMount:\n- {name: data, mountPath: /data}"))
        #expect(check(m) == [schemaIssue(.unknownField("volumeMount", suggestion: "volumeMounts"),
                                         "spec.containers[0].volumeMount", m.mark)])
    }

    @Test func unknownFieldSuggestsCaseInsensitiveMatch() {
        let m = Marked(pod(container: "ports:\n- ⟨containerport: 80"))
        // The port lacks containerPort, so the schema also says it is required.
        #expect(schema(m) == [
            schemaIssue(.unknownField("containerport", suggestion: "containerPort"), "spec.containers[0].ports[0].containerport", m.mark),
            schemaIssue(.required, "spec.containers[0].ports[0].containerPort", m.mark),
        ])
    }

    @Test func unknownFieldWithoutSuggestion() {
        let m = Marked(pod(spec: "⟨flavour: vanilla"))
        #expect(check(m) == [schemaIssue(.unknownField("flavour", suggestion: nil), "spec.flavour", m.mark)])
    }

    @Test func unknownTopLevelField() {
        let m = Marked("apiVersion: v1\nkind: Pod\nmetadata: {name: a}\n⟨specs: {}\nspec:\n  containers: [{name: a, image: b}]\n")
        #expect(check(m) == [schemaIssue(.unknownField("specs", suggestion: "spec"), "specs", m.mark)])
    }

    @Test func suggestions() {
        let table = SchemaTable.shared
        guard let container = table.type(named: "api.core.v1.Container"),
              let podSpec = table.type(named: "api.core.v1.PodSpec") else {
            Issue.record("the generated table lacks Container or PodSpec")
            return
        }
        #expect(container.suggestion(for: "volumeMount") == "volumeMounts")
        #expect(container.suggestion(for: "imagePullpolicy") == "imagePullPolicy")
        #expect(container.suggestion(for: "VOLUMEMOUNTS") == "volumeMounts")
        #expect(container.suggestion(for: "comand") == "command")
        #expect(container.suggestion(for: "enviroment") == nil)
        #expect(podSpec.suggestion(for: "contaners") == "containers")
        #expect(podSpec.suggestion(for: "initcontainers") == "initContainers")
        #expect(podSpec.suggestion(for: "x") == nil)
    }

    @Test func quotedPortIsAString() {
        let m = Marked(pod(container: "ports:\n- containerPort: ⟨\"80\""))
        #expect(check(m) == [schemaIssue(.wrongType(expected: .integer, found: "string"),
                                         "spec.containers[0].ports[0].containerPort", m.mark)])
    }

    @Test func integralFloatIsAnInteger() {
        #expect(check(pod(container: "ports:\n- containerPort: 80.0")).isEmpty)
        let m = Marked(pod(container: "ports:\n- containerPort: ⟨80.5"))
        #expect(schema(m) == [schemaIssue(.wrongType(expected: .integer, found: "number"),
                                          "spec.containers[0].ports[0].containerPort", m.mark)])
    }

    @Test func nullIsAbsent() {
        #expect(check(pod(spec: "nodeSelector: null\nhostNetwork: ~\nvolumes:", container: "ports: null\nenv:")).isEmpty)
    }

    @Test func wrongContainerTypes() {
        let m = Marked(pod(container: "args: [\"--port\", ⟨8080]\nsecurityContext: ⟨true\nstdin: ⟨\"yes\"\nports: ⟨{containerPort: 80}"))
        #expect(check(m) == [
            schemaIssue(.wrongType(expected: .string, found: "integer"), "spec.containers[0].args[1]", m[0]),
            schemaIssue(.wrongType(expected: .object, found: "boolean"), "spec.containers[0].securityContext", m[1]),
            schemaIssue(.wrongType(expected: .boolean, found: "string"), "spec.containers[0].stdin", m[2]),
            schemaIssue(.wrongType(expected: .array, found: "object"), "spec.containers[0].ports", m[3]),
        ])
    }

    @Test func yesIsABooleanNotAString() {
        let m = Marked(pod(container: "env:\n- name: DEBUG\n  value: ⟨yes"))
        #expect(check(m) == [schemaIssue(.wrongType(expected: .string, found: "boolean"), "spec.containers[0].env[0].value", m.mark)])
        #expect(check(pod(container: "env:\n- name: DEBUG\n  value: \"yes\"")).isEmpty)
    }

    @Test func labelsAreStrings() {
        let m = Marked(pod(meta: "labels:\n  app: web\n  version: ⟨1.0\n  replicas: ⟨3"))
        #expect(check(m) == [
            schemaIssue(.wrongType(expected: .string, found: "number"), "metadata.labels.version", m[0]),
            schemaIssue(.wrongType(expected: .string, found: "integer"), "metadata.labels.replicas", m[1]),
        ])
        #expect(check(pod(meta: "labels:\n  app: web\n  version: \"1.0\"")).isEmpty)
        let list = Marked(pod(meta: "labels: ⟨[app]"))
        #expect(check(list) == [schemaIssue(.wrongType(expected: .stringMap, found: "array"), "metadata.labels", list.mark)])
    }

    @Test func quantitiesAndIntOrString() {
        let ok = pod(spec: "volumes:\n- name: v\n  emptyDir: {sizeLimit: 1Gi}",
                     container: """
                     resources:
                       limits: {memory: 128Mi, cpu: 1}
                       requests: {memory: 67108864, cpu: 0.5}
                     livenessProbe:
                       httpGet: {path: /, port: http}
                     readinessProbe:
                       tcpSocket: {port: 80}
                     ports:
                     - {containerPort: 80, name: http}
                     """)
        #expect(check(ok).isEmpty)
        let m = Marked(pod(container: "resources:\n  limits: {memory: ⟨true}\nlivenessProbe:\n  httpGet: {port: ⟨[80]}"))
        #expect(schema(m) == [
            schemaIssue(.wrongType(expected: .quantity, found: "boolean"), "spec.containers[0].resources.limits.memory", m[0]),
            schemaIssue(.wrongType(expected: .intOrString, found: "array"), "spec.containers[0].livenessProbe.httpGet.port", m[1]),
        ])
    }

    @Test func missingImageIsRequiredOnce() {
        let m = Marked("apiVersion: v1\nkind: Pod\nmetadata: {name: a}\nspec:\n  containers:\n  - ⟨name: app\n")
        #expect(check(m) == [schemaIssue(.required, "spec.containers[0].image", m.mark)])
    }

    @Test func missingContainers() {
        let m = Marked("apiVersion: v1\nkind: Pod\nmetadata: {name: a}\nspec:\n  ⟨restartPolicy: Never\n")
        #expect(check(m) == [schemaIssue(.required, "spec.containers", m.mark)])
    }

    @Test func missingNameOrGenerateName() {
        let m = Marked("apiVersion: v1\nkind: Pod\nmetadata:\n  ⟨labels: {app: a}\nspec:\n  containers: [{name: a, image: b}]\n")
        #expect(check(m) == [schemaIssue(.required, "metadata.name", m.mark)])
        #expect(check("apiVersion: v1\nkind: Pod\nmetadata: {generateName: a-}\nspec:\n  containers: [{name: a, image: b}]\n").isEmpty)
        let none = Marked("⟨apiVersion: v1\nkind: Pod\nspec:\n  containers: [{name: a, image: b}]\n")
        #expect(check(none) == [schemaIssue(.required, "metadata.name", none.mark)])
    }

    @Test func missingApiVersion() {
        let m = Marked("⟨kind: Pod\nmetadata: {name: a}\nspec:\n  containers: [{name: a, image: b}]\n")
        #expect(check(m) == [schemaIssue(.required, "apiVersion", m.mark)])
    }

    @Test func everyBuiltInKindIsJudged() {
        let port = Marked("apiVersion: v1\nkind: Service\nmetadata: {name: s}\nspec:\n  ports:\n  - port: ⟨sds\n    targetPort: http\n  - port: 80\n    targetPort: 8080\n")
        #expect(check(port) == [schemaIssue(.wrongType(expected: .integer, found: "string"), "spec.ports[0].port", port.mark)])
        let field = Marked("apiVersion: v1\nkind: Service\nmetadata: {name: s}\nspec: {⟨portz: [{port: 80}]}\n")
        #expect(check(field) == [schemaIssue(.unknownField("portz", suggestion: "ports"), "spec.portz", field.mark)])
        let data = Marked("⟨apiVersion: v1\nkind: ConfigMap\ndata: {a: ⟨1}\n")
        #expect(check(data) == [
            schemaIssue(.wrongType(expected: .string, found: "integer"), "data.a", data[1]),
            schemaIssue(.required, "metadata.name", data[0]),
        ])
        let claim = Marked("apiVersion: v1\nkind: PersistentVolumeClaim\nmetadata: {name: c}\nspec:\n  accessModes: [ReadWriteOnce]\n  resources: {requests: {storage: ⟨[1Gi]}}\n")
        #expect(check(claim) == [schemaIssue(.wrongType(expected: .quantity, found: "array"),
                                             "spec.resources.requests.storage", claim.mark)])
        let rules = Marked("apiVersion: rbac.authorization.k8s.io/v1\nkind: Role\nmetadata: {name: r}\nrules:\n- ⟨apiGroup: [\"\"]\n  verbs: [get]\n")
        #expect(check(rules) == [schemaIssue(.unknownField("apiGroup", suggestion: "apiGroups"), "rules[0].apiGroup", rules.mark)])
        let hpa = "apiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\nmetadata: {name: h}\nspec:\n  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: web}\n  maxReplicas: 3\n  metrics:\n  - type: Resource\n    resource: {name: cpu, target: {type: Utilization, averageUtilization: 50}}\n"
        #expect(check(hpa).isEmpty)
        let ingress = "apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata: {name: i}\nspec:\n  rules:\n  - http:\n      paths:\n      - {path: /, pathType: Prefix, backend: {service: {name: web, port: {number: 80}}}}\n"
        #expect(check(ingress).isEmpty)
    }

    @Test func kindAndApiVersion() {
        let bare = Marked("⟨key: value\n")
        #expect(check(bare) == [schemaIssue(.notAnObject, "", bare.mark)])
        let empty = check("apiVersion: v1\nkind:\nmetadata: {name: a}\n")
        #expect(empty.map(\.problem) == [.required])
        #expect(empty.map(\.path) == ["kind"])
        let typo = Marked("apiVersion: v1\nkind: ⟨Pood\nmetadata: {name: a}\n")
        #expect(check(typo) == [schemaIssue(.unknownKind("Pood", apiVersion: "v1", suggestion: "Pod"), "kind", typo.mark)])
        let version = Marked("apiVersion: ⟨v1\nkind: Deployment\nmetadata: {name: a}\nspec:\n  selector: {matchLabels: {app: a}}\n  template:\n    metadata: {labels: {app: a}}\n    spec: {containers: [{name: a, image: b}]}\n")
        #expect(check(version) == [schemaIssue(.unknownAPIVersion("v1", kind: "Deployment", served: ["apps/v1"]), "apiVersion", version.mark)])
        // A custom resource: no schema, not judged here (validate warns).
        #expect(check("apiVersion: example.com/v1\nkind: Widget\nspec: {anything: 1}\n").isEmpty)
        let file = YAMLReader.read("apiVersion: example.com/v1\nkind: Widget\n")
        let root = file.documents.first?.root
        #expect(root.flatMap(SchemaChecker.unchecked).map { "\($0.kind) \($0.apiVersion)" } == "Widget example.com/v1")
    }

    @Test func generatedTableReadsWhole() {
        let table = SchemaTable.shared
        #expect(table.unreadLines == 0)
        for kind in ["Service", "ConfigMap", "Secret", "Namespace", "PersistentVolumeClaim", "PersistentVolume", "Job",
                     "CronJob", "StatefulSet", "DaemonSet", "ReplicaSet", "Deployment", "Ingress", "NetworkPolicy",
                     "ServiceAccount", "Role", "RoleBinding", "ClusterRole", "ClusterRoleBinding",
                     "HorizontalPodAutoscaler", "PodDisruptionBudget", "LimitRange", "ResourceQuota", "Pod"] {
            #expect(table.kinds[kind] != nil, "\(kind)")
        }
        #expect(table.kinds["HorizontalPodAutoscaler"]?.map(\.apiVersion) == ["autoscaling/v2", "autoscaling/v1"])
    }

    @Test func openObjects() {
        // status is the cluster's report: anything goes.
        #expect(check(pod() + "status: {phase: Running, whatever: 1}\n").isEmpty)
        // affinity is modelled: a misspelt field inside it is found.
        let m = Marked(pod(spec: "affinity:\n  nodeAffinity:\n    ⟨anything: {goes: [1, 2]}\n"))
        #expect(check(m) == [schemaIssue(.unknownField("anything", suggestion: nil), "spec.affinity.nodeAffinity.anything", m.mark)])
    }

    @Test func volumesAndMounts() {
        let ok = pod(spec: """
                     volumes:
                     - name: a
                       hostPath: {path: /var/log, type: Directory}
                     - name: b
                       configMap: {name: cm, items: [{key: k, path: p}], defaultMode: 0644}
                     - name: c
                       projected:
                         sources:
                         - serviceAccountToken: {path: token, expirationSeconds: 3600}
                         - downwardAPI: {items: [{path: labels, fieldRef: {fieldPath: metadata.labels}}]}
                     - name: d
                       persistentVolumeClaim: {claimName: data, readOnly: true}
                     - name: e
                       csi: {driver: x, volumeAttributes: {a: b}}
                     """, container: """
                     volumeMounts:
                     - {name: a, mountPath: /a, readOnly: true, mountPropagation: None, recursiveReadOnly: Disabled}
                     - {name: b, mountPath: /b, subPath: x}
                     - {name: c, mountPath: /c}
                     - {name: d, mountPath: /d, subPathExpr: $(POD)}
                     - {name: e, mountPath: /e}
                     """)
        #expect(check(ok).isEmpty)
        let m = Marked(pod(spec: "volumes:\n- name: a\n  emptyDir: {}\n", container: "volumeMounts:\n- ⟨name: a\n  readonly: true"))
        #expect(check(m) == [
            schemaIssue(.unknownField("readonly", suggestion: "readOnly"), "spec.containers[0].volumeMounts[0].readonly",
                        Mark(line: m.mark.line + 1, column: m.mark.column)),
            schemaIssue(.required, "spec.containers[0].volumeMounts[0].mountPath", m.mark),
        ])
    }

    @Test func hostPathWithoutPath() {
        let m = Marked(pod(spec: "volumes:\n- name: h\n  hostPath: ⟨{type: Directory}"))
        #expect(check(m) == [schemaIssue(.required, "spec.volumes[0].hostPath.path", m.mark)])
    }

    @Test func deploymentFields() {
        let text = """
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: web, namespace: prod}
        spec:
          replicas: 3
          revisionHistoryLimit: 2
          progressDeadlineSeconds: 600
          strategy: {type: RollingUpdate, rollingUpdate: {maxSurge: 25%, maxUnavailable: 1}}
          selector: {matchLabels: {app: web}, matchExpressions: [{key: tier, operator: In, values: [fe]}]}
          template:
            metadata: {labels: {app: web, tier: fe}}
            spec:
              containers: [{name: web, image: nginx}]
        """
        #expect(check(text).isEmpty)
        let m = Marked("apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web}\nspec:\n  ⟨replica: 3\n  template:\n    metadata: {labels: {app: web}}\n    spec:\n      containers: [{name: web, image: nginx}]\n")
        #expect(check(m) == [
            schemaIssue(.unknownField("replica", suggestion: "replicas"), "spec.replica", m.mark),
            schemaIssue(.required, "spec.selector", m.mark),
        ])
    }

    @Test func statefulSetJobCronJobFields() {
        let sts = """
        apiVersion: apps/v1
        kind: StatefulSet
        metadata: {name: db}
        spec:
          serviceName: db
          podManagementPolicy: Parallel
          updateStrategy: {type: RollingUpdate, rollingUpdate: {partition: 0}}
          persistentVolumeClaimRetentionPolicy: {whenDeleted: Retain, whenScaled: Delete}
          ordinals: {start: 1}
          minReadySeconds: 5
          selector: {matchLabels: {app: db}}
          template:
            metadata: {labels: {app: db}}
            spec:
              containers: [{name: db, image: mysql, volumeMounts: [{name: data, mountPath: /var/lib/mysql}]}]
          volumeClaimTemplates:
          - metadata: {name: data}
            spec: {accessModes: [ReadWriteOnce], resources: {requests: {storage: 1Gi}}}
        """
        #expect(check(sts).isEmpty)
        let cron = """
        apiVersion: batch/v1
        kind: CronJob
        metadata: {name: nightly}
        spec:
          schedule: "0 3 * * *"
          timeZone: Europe/Moscow
          concurrencyPolicy: Forbid
          successfulJobsHistoryLimit: 1
          failedJobsHistoryLimit: 1
          startingDeadlineSeconds: 60
          jobTemplate:
            spec:
              backoffLimit: 2
              completions: 4
              parallelism: 2
              completionMode: Indexed
              backoffLimitPerIndex: 1
              maxFailedIndexes: 2
              ttlSecondsAfterFinished: 100
              podReplacementPolicy: Failed
              podFailurePolicy: {rules: [{action: FailJob, onExitCodes: {operator: In, values: [42]}}]}
              template:
                spec:
                  restartPolicy: Never
                  containers: [{name: job, image: busybox}]
        """
        #expect(check(cron).isEmpty)
        let m = Marked("apiVersion: batch/v1\nkind: Job\nmetadata: {name: j}\nspec:\n  ⟨completion: 1\n  template:\n    spec:\n      restartPolicy: Never\n      containers: [{name: a, image: b}]\n")
        #expect(check(m) == [schemaIssue(.unknownField("completion", suggestion: "completions"), "spec.completion", m.mark)])
    }

    @Test func listItemsGetTheirPaths() {
        let m = Marked("apiVersion: v1\nkind: List\nitems:\n- apiVersion: v1\n  kind: Pod\n  metadata: {name: a}\n  spec:\n    containers: [{name: a, image: b, tty: ⟨\"no\"}]\n")
        #expect(check(m) == [schemaIssue(.wrongType(expected: .boolean, found: "string"), "items[0].spec.containers[0].tty", m.mark)])
    }

    @Test func flowStyleWithComments() {
        let m = Marked("""
        {
          apiVersion: "v1", # the core group
          kind: "Pod",
          metadata: { name: "flow" },
          spec: {
            containers: [{
              name: "app",
              image: "nginx",
              # a comment inside braces
              ⟨imagePullPolicy: "Always",
              ports: [{ containerPort: 80 }],
            }],
          },
        }
        """)
        #expect(check(m).isEmpty)
    }

    @Test func requiredInsideNestedStructures() {
        let m = Marked(pod(container: "env:\n- ⟨value: x\n- name: B\n  valueFrom:\n    configMapKeyRef: ⟨{name: cm}"))
        #expect(check(m) == [
            schemaIssue(.required, "spec.containers[0].env[0].name", m[0]),
            schemaIssue(.required, "spec.containers[0].env[1].valueFrom.configMapKeyRef.key", m[1]),
        ])
    }
}
