import Foundation
import GitStore
import Transport
import Wire

/// What planning decided to send one node: the apply, the blobs it needs, and the node's
/// outcome so far (planned changes and actions, notes).
struct PlannedApply: Sendable {
    let apply: Apply
    let blobIDs: [ObjectID]
    let outcome: NodeOutcome
}

/// Step 3 for one node, on a worker thread: send the blobs and the apply, read the result.
struct NodeWork: @unchecked Sendable {
    let session: NodeSession
    let planned: PlannedApply

    var outcome: NodeOutcome { planned.outcome }

    func send(blobs: [ObjectID: [UInt8]]) -> NodeOutcome {
        let start = Date()
        var outcome = planned.outcome
        do {
            let payload = planned.blobIDs.compactMap { id in blobs[id].map { Blob(id: id.hex, content: $0) } }
            let (result, drifted) = try session.apply(planned.apply, blobs: payload)
            session.release()
            outcome.files = result.files
            outcome.actions = result.actions
            outcome.drifted = drifted
            outcome.message = result.message
            outcome.status = DeployRunner.status(of: result)
        } catch let error as PeerError {
            session.close()
            outcome.status = error.code == .busy ? .busy : .failed
            outcome.message = error.message
        } catch {
            session.close()
            outcome.status = .failed
            outcome.message = "\(error)"
        }
        outcome.durationMillis = Int(Date().timeIntervalSince(start) * 1000)
        return outcome
    }
}

/// A node's work and its place in the report.
struct PendingApply: Sendable {
    let index: Int
    let work: NodeWork
}
