/// How a remote URL will be reached, once it passed the policy.
enum RemoteURLKind: Equatable {
    case network
    case local
}

/// The allow-list of remote URL forms. Git's transport helpers (`ext::`, `fd::`,
/// `<helper>::<address>`) can run arbitrary commands and a leading `-` can be read
/// as an option by ssh, so only well-known network schemes pass, and local
/// repositories only when the caller allows them.
enum RemoteURLPolicy {
    static let networkSchemes: Set<String> = ["https", "http", "git", "ssh", "git+ssh", "ssh+git"]

    static func classify(_ url: String, allowLocal: Bool) throws(GitError) -> RemoteURLKind {
        guard !url.isEmpty else {
            throw refusal("the repository URL is empty")
        }
        // First, so the message names the real problem of "ext::sh -c ...".
        if let helperRange = url.firstRange(of: "::"), !url[..<helperRange.lowerBound].contains("/") {
            let helper = url[..<helperRange.lowerBound]
            throw refusal("'\(helper)::' transport URLs run helper programs and are not allowed")
        }
        if url.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7f || $0 == " " }) {
            throw refusal("the repository URL contains spaces or control characters")
        }
        if url.hasPrefix("-") {
            throw refusal("the repository URL '\(url)' starts with '-', which git tools would read as an option")
        }

        if let schemeEnd = url.firstRange(of: "://") {
            let scheme = url[..<schemeEnd.lowerBound].lowercased()
            let rest = url[schemeEnd.upperBound...]
            if scheme == "file" {
                guard allowLocal else { throw localRefusal(url) }
                return .local
            }
            guard networkSchemes.contains(scheme) else {
                throw refusal("the URL scheme '\(scheme)://' is not supported")
            }
            let authority = rest.prefix { $0 != "/" }
            let userInfo = authority.contains("@") ? authority.prefix { $0 != "@" } : ""
            let hostPort = authority.contains("@") ? authority.drop { $0 != "@" }.dropFirst() : authority
            guard !hostPort.isEmpty, !hostPort.hasPrefix(":") else {
                throw refusal("the URL '\(url)' has no host name")
            }
            guard !hostPort.hasPrefix("-"), !userInfo.hasPrefix("-") else {
                throw refusal("the host or user in '\(url)' starts with '-', which ssh would read as an option")
            }
            return .network
        }

        // scp-like "[user@]host:path": a ':' before any '/'.
        if let colon = url.firstIndex(of: ":"), !url[..<colon].contains("/") {
            let authority = url[..<colon]
            let user = authority.contains("@") ? authority.prefix { $0 != "@" } : ""
            let host = authority.contains("@") ? authority.drop { $0 != "@" }.dropFirst() : authority
            guard !host.isEmpty else { throw refusal("the URL '\(url)' has no host name") }
            guard !host.hasPrefix("-"), !user.hasPrefix("-") else {
                throw refusal("the host or user in '\(url)' starts with '-', which ssh would read as an option")
            }
            return .network
        }

        guard allowLocal else { throw localRefusal(url) }
        return .local
    }

    private static func refusal(_ reason: String) -> GitError {
        GitError(.transportRefused,
                 "\(reason); use an https://, http://, git://, ssh:// or user@host:path repository URL")
    }

    private static func localRefusal(_ url: String) -> GitError {
        GitError(.transportRefused,
                 "'\(url)' is a local repository, which is not allowed here; use an https://, http://, git://, ssh:// or user@host:path repository URL")
    }
}
