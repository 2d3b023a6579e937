import Hummingbird
import NIOCore

/// Request context that keeps the connection's channel, so a fault can drop the connection without answering.
struct EmulatorContext: RequestContext {
    var coreContext: CoreRequestContextStorage
    let channel: any Channel

    init(source: ApplicationRequestContextSource) {
        self.coreContext = .init(source: source)
        self.channel = source.channel
    }

    /// Bodies up to the documented `request.bytes.max` of 512000 bytes (reference §5.2, third-party figure).
    var maxUploadSize: Int { 512_000 }
}
