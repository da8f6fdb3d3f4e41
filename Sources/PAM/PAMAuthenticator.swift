import CPAM
import Glibc

/// Checks a user's password against the host's accounts through PAM (Linux-PAM), as login
/// does: `auth` then `account` of the PAM service `service` (`/etc/pam.d/<service>`; the
/// template is `templates/pam.d/confsync`). The one wrapper over libpam.
public struct PAMAuthenticator: Sendable {
    public let service: String

    public init(service: String = "confsync") {
        self.service = service
    }

    /// Why a login failed, in words for the journal (never shown to the person logging in,
    /// who only learns that it failed).
    public struct Failure: Error, CustomStringConvertible, Sendable {
        public let step: String
        public let code: Int32
        public let reason: String

        public var description: String { "PAM \(step) failed: \(reason) (\(code))" }
    }

    /// Nil when `password` is `user`'s and the account may log in now; else why not.
    /// Blocks (PAM waits out a delay after a wrong password): call it off the event loop.
    public func authenticate(user: String, password: String) -> Failure? {
        guard let secret = strdup(password) else { return Failure(step: "start", code: -1, reason: "out of memory") }
        defer {
            memset(secret, 0, strlen(secret))
            free(secret)
        }
        var conversation = pam_conv(conv: answerPrompts, appdata_ptr: UnsafeMutableRawPointer(secret))
        var handle: OpaquePointer?
        var status = pam_start(service, user, &conversation, &handle)
        guard status == PAM_SUCCESS, let handle else {
            return Failure(step: "start", code: status, reason: "cannot start PAM service '\(service)'")
        }
        var step = "authentication"
        status = pam_authenticate(handle, Int32(PAM_SILENT))
        if status == PAM_SUCCESS {
            step = "account check"
            status = pam_acct_mgmt(handle, Int32(PAM_SILENT))
        }
        let reason = pam_strerror(handle, status).map { String(cString: $0) } ?? "error \(status)"
        pam_end(handle, status)
        return status == PAM_SUCCESS ? nil : Failure(step: step, code: status, reason: reason)
    }
}

/// PAM's conversation: the password for every hidden prompt, nothing for the others. The
/// answers are malloc'd: PAM frees them.
private func answerPrompts(
    count: Int32, messages: UnsafeMutablePointer<UnsafePointer<pam_message>?>?,
    responses: UnsafeMutablePointer<UnsafeMutablePointer<pam_response>?>?, secret: UnsafeMutableRawPointer?
) -> Int32 {
    guard count > 0, let messages, let responses, let secret,
        let answers = calloc(Int(count), MemoryLayout<pam_response>.stride)?.assumingMemoryBound(to: pam_response.self)
    else { return PAM_CONV_ERR }
    for index in 0..<Int(count) {
        guard let message = messages[index] else { continue }
        if message.pointee.msg_style == PAM_PROMPT_ECHO_OFF {
            answers[index].resp = strdup(secret.assumingMemoryBound(to: CChar.self))
        }
    }
    responses.pointee = answers
    return PAM_SUCCESS
}
