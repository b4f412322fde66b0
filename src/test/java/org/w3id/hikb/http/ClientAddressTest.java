package org.w3id.hikb.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

/** Who a request's share is counted for: the peer, or the client a trusted proxy names; IPv6 by its /64. */
class ClientAddressTest {
    private final ClientAddress behindProxy = new ClientAddress(List.of("10.0.0.5", "::1"));

    @Test
    void aForwardedAddressCountsOnlyFromATrustedProxy() {
        assertEquals("203.0.113.7", behindProxy.of("10.0.0.5", "198.51.100.1, 203.0.113.7"), "the right-most hop the proxy added");
        assertEquals("198.51.100.9", behindProxy.of("10.0.0.5", "198.51.100.9"));
        assertEquals("192.0.2.44", behindProxy.of("192.0.2.44", "203.0.113.7"), "anyone else's header is ignored");
        assertEquals("10.0.0.5", behindProxy.of("10.0.0.5", "not-an-address"), "nonsense in the header: the proxy itself");
        assertEquals("203.0.113.7", behindProxy.of("0:0:0:0:0:0:0:1", "203.0.113.7, ::1"), "trusted hops are skipped, in any spelling");
    }

    @Test
    void ipv6ClientsShareBySixtyFourBitPrefix() {
        assertEquals(ClientAddress.shareKey("2001:db8:1:2::1"), ClientAddress.shareKey("2001:db8:1:2:ffff:eeee:dddd:cccc"));
        assertEquals("2001:0db8:0001:0002::/64", ClientAddress.shareKey("2001:db8:1:2::1"));
        assertEquals("192.0.2.1", ClientAddress.shareKey("192.0.2.1"));
        assertNotEquals(ClientAddress.shareKey("2001:db8:1:3::1"), ClientAddress.shareKey("2001:db8:1:2::1"));
    }
}
