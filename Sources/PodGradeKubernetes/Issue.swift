public import PodGradeYAML

/// A problem Kubernetes itself would report about an object: a schema error
/// (what kubectl's strict decoding rejects), an API validation error (what the
/// API server rejects) or an API warning. The shape follows Kubernetes'
/// `field.Error`: a field path, an error type and the bad value.
public struct K8sIssue: Sendable, Hashable {
    public enum Rule: String, Sendable, Hashable {
        case schema = "k8s.schema"
        case valid = "k8s.valid"
    }

    public enum Severity: String, Sendable, Hashable {
        case error, warning
    }

    public enum Problem: Sendable, Hashable {
        // k8s.schema
        /// `unknown field "volumeMount"`, with the closest known field.
        case unknownField(String, suggestion: String?)
        /// A value of the wrong JSON type; `expected` is a `ValueType`.
        case wrongType(expected: ValueType, found: String)
        /// `Required value`.
        case required

        // k8s.valid
        /// `Duplicate value: "app"`.
        case duplicate(String)
        /// `Invalid value: "X": <reason>`.
        case invalid(String, Reason)
        /// `Unsupported value: "TCPX": supported values: "SCTP", "TCP", "UDP"`.
        case notSupported(String, supported: [String])
        /// `Not found: "data"`.
        case notFound(String)
        /// `Forbidden: <reason>`.
        case forbidden(Forbidden)

        /// A document that is a mapping without apiVersion and kind (`key: value`): no Kubernetes object.
        case notAnObject
        /// A document that is not a mapping at all (a list, a scalar); `found` is its JSON type.
        case notAMapping(found: String)
        /// A kind that no built-in API group of that apiVersion has, with the closest known kind.
        case unknownKind(String, apiVersion: String, suggestion: String?)
        /// A built-in kind under an apiVersion that does not serve it; `served` are the ones that do.
        case unknownAPIVersion(String, kind: String, served: [String])

        // warnings
        /// A kind of an API group podgrade has no schema for (a custom resource): not checked.
        case noSchema(kind: String, apiVersion: String)
        /// A manifest file without any object (empty, or only comments).
        case noObjects
        /// Two containers of one pod declare the same port and protocol.
        case duplicatePort(port: Int, protocol: String, otherPath: String)
    }

    /// JSON value types a schema names.
    public enum ValueType: String, Sendable, Hashable {
        case string, integer, boolean, number, object, array
        case quantity        // an integer or a quantity string ("64Mi", "100m")
        case intOrString     // an integer or a string (a port name)
        case stringMap       // an object of string values (labels)
    }

    /// Why a value is invalid, as Kubernetes' validation explains it.
    public enum Reason: Sendable, Hashable {
        /// RFC 1123 label: lower-case alphanumerics and '-', start and end alphanumeric, at most 63.
        case dns1123Label
        /// RFC 1123 subdomain: labels joined by '.', at most 253.
        case dns1123Subdomain
        /// IANA_SVC_NAME: at most 15 characters, lower-case alphanumerics and '-', at least one letter, no '--', no leading or trailing '-'.
        case ianaServiceName
        /// A port number outside 1-65535.
        case portRange
        /// A path that must be absolute is not.
        case notAbsolutePath
        /// A subPath that is absolute or climbs out with '..'.
        case subPathAbsolute
        case subPathBacktrack
        /// Not a valid resource quantity ("1.5.0").
        case quantity
        /// Not a quantity only because of how the unit is written ("64MB", "512mi"): what it should be ("64Mi").
        case quantityUnit(suggestion: String)
        /// A limit below its request: `must be less than or equal to <resource> limit of <limit>`.
        case requestAboveLimit(resource: String, limit: String)
        /// A negative quantity where one must be non-negative.
        case negative
        /// A label key or value that is not a valid label.
        case labelKey
        case labelValue
        /// The selector does not match the template's labels.
        case selectorMismatch
        /// Must be greater than or equal to 0.
        case nonNegative
        /// A field that may hold only one volume source holds several.
        case multipleVolumeSources(String)
        /// A container image with whitespace at either end.
        case imageWhitespace
        /// An environment variable name that is not a C identifier-like name.
        case envVarName
    }

    public enum Forbidden: Sendable, Hashable {
        /// `may not specify more than 1 volume type`.
        case moreThanOneVolumeType
        /// `must specify a volume type`.
        case noVolumeType
        /// restartPolicy on an app container (only init containers may say `Always`).
        case restartPolicyOnAppContainer
        /// A hostPort declared twice in the pod.
        case hostPortConflict
        /// subPath and subPathExpr together.
        case subPathAndExpr
        /// A selector with neither matchLabels nor matchExpressions (`empty selector is invalid for deployment`).
        case emptySelector(kind: String)
        /// `values` with operator Exists or DoesNotExist.
        case valuesWithExistsOperator
        /// A probe or lifecycle on an init container that is not a sidecar (restartPolicy: Always).
        case probeOnInitContainer
        /// successThreshold other than 1 on a liveness or startup probe.
        case successThresholdNotOne
        /// More than one handler (exec, httpGet, tcpSocket, grpc) in one probe or hook.
        case moreThanOneHandler
        /// hostPort differing from containerPort with hostNetwork: true.
        case hostPortNotContainerPort
        /// valueFrom beside a non-empty value.
        case valueFromWithValue
    }

    public let rule: Rule
    public let severity: Severity
    public let problem: Problem
    /// kubectl-style field path: `spec.containers[1].ports[0].containerPort`.
    public let path: String
    /// Where the offending node starts; for a missing field, its parent mapping.
    public let mark: Mark

    public init(_ rule: Rule, _ problem: Problem, path: String, mark: Mark, severity: Severity = .error) {
        self.rule = rule
        self.problem = problem
        self.path = path
        self.mark = mark
        self.severity = severity
    }
}
