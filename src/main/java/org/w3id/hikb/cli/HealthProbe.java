package org.w3id.hikb.cli;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * A container's health check without curl in the image: exits 0 when the URL (default the local
 * {@code /health}) answers 200 within 4 s, else 1. {@code java -cp hikb.jar org.w3id.hikb.cli.HealthProbe [URL]}.
 */
public final class HealthProbe {
    private HealthProbe() {}

    public static void main(String[] args) {
        String url = args.length > 0 ? args[0] : "http://127.0.0.1:7070/health";
        try {
            HttpResponse<Void> r = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build()
                    .send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(4)).build(), HttpResponse.BodyHandlers.discarding());
            System.exit(r.statusCode() == 200 ? 0 : 1);
        } catch (Exception e) {
            System.err.println(url + ": " + e);
            System.exit(1);
        }
    }
}
