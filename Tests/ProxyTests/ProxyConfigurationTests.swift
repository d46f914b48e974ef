import Proxy
import Testing

@Suite struct ProxyConfigurationTests {
    @Test func defaultsListenOnLoopbackOnly() {
        let configuration = ProxyConfiguration()
        #expect(configuration.explicitListen == "127.0.0.1:3128")
        #expect(configuration.transparentListen == nil)
    }
}
