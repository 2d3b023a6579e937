import Foundation
import Hummingbird
import NIOCore

/// Turns HTTP requests into `APIRequest`s, injects faults, asks the state, and writes the answer.
struct EmulatorResponder: HTTPResponder {
    typealias Context = EmulatorContext
    /// `HTTPField`, reached through Hummingbird's re-exported `HTTPFields`.
    typealias Field = HTTPFields.Element
    let state: EmulatorState
    let events: EventCounter

    /// Thrown after the connection was closed on purpose; Hummingbird then has nothing left to write.
    struct DroppedConnection: Error {}

    func respond(to request: Request, context: EmulatorContext) async throws -> Response {
        let method = request.method.rawValue
        let fullPath = request.uri.path
        let arrived = events.next()
        /// Logs the request as answered now.
        func record(_ status: Int, _ clientID: String?) async {
            var entry = LoggedRequest(method: method, path: fullPath, status: status, clientID: clientID)
            entry.arrived = arrived
            entry.answered = events.next()
            await state.record(entry)
        }
        // Region R lives under /R (DESIGN.md "The emulator").
        let trimmed = fullPath.drop(while: { $0 == "/" })
        let region = String(trimmed.prefix(while: { $0 != "/" }))
        let path = String(trimmed.dropFirst(region.count))
        var query: [String: String] = [:]
        // Form encoding as the SDKs send it (`+` is a space, as Python's urlencode writes `name=Web+Inbound`);
        // a repeated parameter (`collectionFormat: multi`, e.g. getFlows `type`) reads as one comma-joined value.
        for item in (request.uri.query ?? "").split(separator: "&") {
            let parts = item.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            func decoded(_ text: Substring) -> String {
                let spaced = text.replacingOccurrences(of: "+", with: " ")
                return spaced.removingPercentEncoding ?? spaced
            }
            let key = decoded(parts[0])
            let value = parts.count > 1 ? decoded(parts[1]) : ""
            query[key] = query[key].map { $0 + "," + value } ?? value
        }
        let authorization = request.headers[.authorization]

        let plan = await state.currentFaults()
        let eligible = plan.applies(method: method, path: path)
        if eligible, plan.latency > .zero { try await Task.sleep(for: plan.latency) }
        if eligible, plan.holdFirst > 0 { await state.hold(untilArrivals: plan.holdFirst) }
        if eligible {
            let roll = Double.random(in: 0..<1)
            var threshold = plan.dropBeforeRate
            if roll < threshold {
                await record(0, nil)
                return try await drop(context)
            }
            for (status, rate, code) in [
                (500, plan.rate500, "internal.server.error"), (502, plan.rate502, "bad.gateway"),
                (503, plan.rate503, "service.unavailable"), (504, plan.rate504, "request.timeout"),
            ] {
                threshold += rate
                if roll < threshold {
                    let answer = APIResponse.error(status, code: code, message: "Injected fault: the service answered \(status).")
                    await record(status, nil)
                    return makeResponse(answer)
                }
            }
        }

        let body: ByteBuffer
        do {
            body = try await request.body.collect(upTo: context.maxUploadSize)
        } catch is NIOTooManyBytesError {
            // reference §5.1: 413 `request.entity.too.large`. Only a body over the limit is a 413; a body
            // that could not be read (the peer went away mid-upload) is a transport failure, not the
            // client's fault, and is logged as such below.
            let answer = APIResponse.error(
                413, code: "request.entity.too.large",
                message: "The request is over the size limit. Maximum bytes: \(context.maxUploadSize)")
            await record(413, nil)
            return makeResponse(answer)
        } catch {
            await record(0, nil)
            throw error
        }
        let apiRequest = APIRequest(
            method: method, region: region, path: path, query: query, authorization: authorization,
            body: Data(buffer: body), contentType: request.headers[.contentType])
        let answer = await state.handle(apiRequest)
        if eligible, apiRequest.isWrite, (200..<300).contains(answer.status), plan.dropAfterWriteRate > 0,
            Double.random(in: 0..<1) < plan.dropAfterWriteRate
        {
            // The write was applied; the client never learns it (DESIGN.md "The emulator", faults).
            await record(0, answer.clientID)
            return try await drop(context)
        }
        await record(answer.status, answer.clientID)
        return makeResponse(answer)
    }

    private func drop(_ context: EmulatorContext) async throws -> Response {
        try? await context.channel.close()
        throw DroppedConnection()
    }

    private func makeResponse(_ answer: APIResponse) -> Response {
        var headers = HTTPFields()
        for (name, value) in answer.headers {
            if let fieldName = Field.Name(name) { headers.append(Field(name: fieldName, value: value)) }
        }
        if !answer.headers.contains(where: { $0.0 == "ININ-Correlation-Id" }), let name = Field.Name("ININ-Correlation-Id") {
            headers.append(Field(name: name, value: UUID().uuidString.lowercased()))
        }
        guard let json = answer.body else {
            return Response(status: .init(code: answer.status), headers: headers)
        }
        headers[.contentType] = "application/json"
        let data = json.encoded()
        return Response(
            status: .init(code: answer.status), headers: headers,
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: data)))
    }
}
