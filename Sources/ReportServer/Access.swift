import Foundation
import Hummingbird

/// Who may use the server, and cross-site request protection.
///
/// - With a password (required off loopback), every page and API call needs a session cookie
///   (set by the login form; HttpOnly, SameSite=Strict) or `Authorization: Bearer PASSWORD`.
/// - CSRF: every state-changing request (POST) must come from the server's own pages. The
///   session cookie is SameSite=Strict, so a cross-site form never carries it; and on every
///   POST an `Origin` (or, lacking it, `Referer`) naming another host, or `Sec-Fetch-Site:
///   cross-site`, is refused with 403 — this also covers the password-less loopback mode,
///   where there is no cookie at all. Clients that send no Origin (curl, scripts) are not
///   browsers and cannot be driven by another site.
/// - DNS rebinding: on a loopback address the `Host` header must name the loopback.
struct AccessMiddleware: RouterMiddleware {
    typealias Context = BasicRequestContext
    let password: String?
    let sessions: Sessions
    let loopback: Bool

    static let cookieName = "xxgk_session"

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        // HTTP/1's Host header arrives as the authority (swift-http-types moves it there).
        let host = request.head.authority
        if loopback, let host, !Self.isLoopbackHost(host) {
            return Responses.refusal(request, status: .forbidden, "此服务只接受本机访问（Host: \(host)）")
        }
        if request.method != .get && request.method != .head, let refusal = Self.crossSiteRefusal(request, host: host) {
            return refusal
        }
        let path = request.uri.path
        guard let password, path != "/login" else { return try await next(request, context) }
        if let authorization = request.headers[.authorization], authorization.hasPrefix("Bearer "),
            Self.constantTimeEqual(String(authorization.dropFirst("Bearer ".count)), password)
        {
            return try await next(request, context)
        }
        if let token = Self.cookie(Self.cookieName, in: request), sessions.contains(token) {
            return try await next(request, context)
        }
        if path.hasPrefix("/api/") {
            return Responses.jsonError(.unauthorized, "需要访问密码（登录，或在 Authorization: Bearer 中给出）")
        }
        return Responses.redirect(to: "/login")
    }

    /// 403 when a POST comes from another site.
    static func crossSiteRefusal(_ request: Request, host: String?) -> Response? {
        if request.headers.contains(where: { $0.name.canonicalName == "sec-fetch-site" && $0.value == "cross-site" }) {
            return Responses.refusal(request, status: .forbidden, "拒绝来自其他网站的请求")
        }
        let origin = request.headers[.origin] ?? request.headers[.referer]
        guard let origin, origin != "null" else { return nil }
        let originHost = URL(string: origin).flatMap { url in url.host.map { host in url.port.map { "\(host):\($0)" } ?? host } }
        guard let host, let originHost, originHost.lowercased() == host.lowercased() else {
            return Responses.refusal(request, status: .forbidden, "拒绝来自其他网站的请求（Origin: \(origin)）")
        }
        return nil
    }

    static func isLoopbackHost(_ host: String) -> Bool {
        let name: Substring
        if host.hasPrefix("[") { name = host.dropFirst().prefix { $0 != "]" } } else { name = host.split(separator: ":").first ?? "" }
        return ServerSettings.isLoopback(String(name))
    }

    /// The value of a cookie of the request, if it has it.
    static func cookie(_ name: String, in request: Request) -> String? {
        for header in request.headers[values: .cookie] {
            for pair in header.split(separator: ";") {
                let parts = pair.trimmingCharacters(in: .whitespaces).split(separator: "=", maxSplits: 1)
                if parts.count == 2, parts[0] == name { return String(parts[1]) }
            }
        }
        return nil
    }

    /// Compares without stopping at the first difference, so timing tells nothing of the password.
    static func constantTimeEqual(_ left: String, _ right: String) -> Bool {
        let a = Array(left.utf8)
        let b = Array(right.utf8)
        var difference = UInt8(a.count == b.count ? 0 : 1)
        for index in 0..<max(a.count, b.count) {
            difference |= (index < a.count ? a[index] : 0) ^ (index < b.count ? b[index] : 0)
        }
        return difference == 0
    }
}

/// The sessions of logged-in browsers, kept in the store so a restart keeps them (30 days).
/// The store holds only SHA-256 of token and password together: a copy of the database gives
/// no live token, and a new password ends every earlier session.
final class Sessions: @unchecked Sendable {
    // Guarded by `lock`.
    private var digests: Set<String> = []
    private let lock = NSLock()
    private let store: Store?
    private let password: String

    /// How long a session lasts.
    static let lifetime: TimeInterval = 30 * 24 * 3600

    /// The sessions remembered in `store` (none when the server has no password).
    init(store: Store?, password: String?) {
        self.store = password == nil ? nil : store
        self.password = password ?? ""
        let oldest = ISO8601DateFormatter().string(from: Date().addingTimeInterval(-Self.lifetime))
        digests = (try? self.store?.sessionDigests(since: oldest)) ?? []
    }

    private func digest(_ token: String) -> String { SHA256.hex(Data("\(token)\n\(password)".utf8)) }

    /// A new random token, remembered.
    func open() -> String {
        var generator = SystemRandomNumberGenerator()
        let token = (0..<32).map { _ in String(format: "%02x", UInt8.random(in: 0...255, using: &generator)) }.joined()
        let digest = digest(token)
        lock.lock()
        digests.insert(digest)
        lock.unlock()
        // A session the store could not keep still works until the next restart.
        try? store?.saveSession(digest: digest)
        return token
    }

    /// Whether `token` is a session opened with the current password.
    func contains(_ token: String) -> Bool {
        let digest = digest(token)
        lock.lock()
        defer { lock.unlock() }
        return digests.contains(digest)
    }

    /// Ends a session.
    func close(_ token: String) {
        let digest = digest(token)
        lock.lock()
        digests.remove(digest)
        lock.unlock()
        try? store?.deleteSession(digest: digest)
    }
}
