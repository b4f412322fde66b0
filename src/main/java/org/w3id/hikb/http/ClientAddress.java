package org.w3id.hikb.http;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import jakarta.servlet.http.HttpServletRequest;

/**
 * Who a request comes from, for per-client shares: the peer address, or, when the peer is one of the configured
 * reverse proxies ({@code trusted-proxies}), the right-most address of {@code X-Forwarded-For} that is not one of
 * them (the left-most is whatever the client wrote). A header from anyone else is ignored. IPv6 clients are
 * counted by their /64 prefix, since one host is given a whole /64 to choose addresses from.
 */
public final class ClientAddress {
    private final Set<String> trusted = new LinkedHashSet<>();

    public ClientAddress(List<String> trustedProxies) {
        for (String p : trustedProxies) trusted.add(normal(p));
    }

    /** The client's address as this server can trust it. */
    public String of(HttpServletRequest request) {
        return of(request.getRemoteAddr(), request.getHeader("X-Forwarded-For"));
    }

    /** The client behind {@code peer}, given what it says in {@code X-Forwarded-For} (or null). */
    String of(String peerAddress, String forwarded) {
        String peer = normal(peerAddress);
        if (!trusted.contains(peer)) return peer;
        if (forwarded == null) return peer;
        String[] hops = forwarded.split(",");
        for (int i = hops.length - 1; i >= 0; i--) {
            String hop = normal(hops[i].trim());
            if (hop == null) return peer;
            if (!trusted.contains(hop)) return hop;
        }
        return peer;
    }

    /** What a client's share is counted by: an IPv4 address, or an IPv6 address's /64 prefix. */
    public String shareKey(HttpServletRequest request) {
        return shareKey(of(request));
    }

    static String shareKey(String address) {
        if (address == null || !address.contains(":")) return address;
        try {
            byte[] bytes = InetAddress.getByName(address).getAddress();
            if (bytes.length != 16) return address;
            StringBuilder key = new StringBuilder();
            for (int i = 0; i < 8; i += 2) key.append(String.format("%02x%02x:", bytes[i], bytes[i + 1]));
            return key.append(":/64").toString();
        } catch (UnknownHostException e) {
            return address;
        }
    }

    /** An IP literal in one canonical form, or null if it is not one (no name is ever looked up). */
    static String normal(String address) {
        if (address == null) return null;
        String a = address.startsWith("[") && address.endsWith("]") ? address.substring(1, address.length() - 1) : address;
        if (!a.matches("[0-9.]+|[0-9A-Fa-f:.]+")) return null;
        try {
            return InetAddress.getByName(a).getHostAddress();
        } catch (UnknownHostException e) {
            return null;
        }
    }
}
