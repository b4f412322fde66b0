package org.w3id.hikb.linkeddata;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.w3id.hikb.http.Html;
import org.w3id.hikb.http.Messages;
import org.w3id.hikb.http.Representation;
import org.w3id.hikb.http.SiteHeader;
import org.w3id.hikb.records.Lang;

/**
 * The frame of every linked-data page: the site's header with the language switch, the title, the main
 * part, links to the other representations ({@code <link rel="alternate">} and downloads), the URI, and
 * the embedded schema.org JSON-LD.
 */
final class PageLayout {
    private static final String TEMPLATE = Html.template("/org/w3id/hikb/linkeddata/resource.html");

    private PageLayout() {}

    /**
     * @param docPath the document's path without extension; the representations are {@code docPath.ttl}, ...
     * @param mainHtml markup built from escaped parts
     */
    static String render(Lang lang, String docPath, String title, String typeLabel, String mainHtml, String jsonLd, String uri) {
        Messages text = Messages.of(lang);
        Map<String, String> v = SiteHeader.values(lang, l -> docPath + "?lang=" + l.code());
        v.put("title", title);
        v.put("typeLabel", typeLabel);
        v.put("main", mainHtml);
        v.put("downloadsHeading", text.get("page.downloads"));
        v.put("downloads", downloads(docPath));
        v.put("alternates", alternates(docPath));
        v.put("uriLabel", text.get("page.uri"));
        v.put("uri", uri);
        // Inside a script element "</script" or "<!--" from the data could end it or change how it is read:
        // JSON outside strings has no "<", and inside strings "\u003c" means the same.
        v.put("jsonld", jsonLd.replace("<", "\\u003c"));
        return Html.render(TEMPLATE, v);
    }

    private static String downloads(String docPath) {
        List<String> links = new ArrayList<>();
        for (Representation r : Representation.values())
            if (r.isRdf())
                links.add("<a href=\"" + Html.escape(docPath + "." + r.extension()) + "\" type=\"" + r.mediaType() + "\">" + r.label() + "</a>");
        if (docPath.startsWith("/doc/"))
            links.add("<a href=\"" + Html.escape(docPath + ".csv") + "\" type=\"text/csv\" download>CSV</a>");
        return String.join(" · ", links);
    }

    private static String alternates(String docPath) {
        StringBuilder sb = new StringBuilder();
        for (Representation r : Representation.values())
            if (r.isRdf())
                sb.append("<link rel=\"alternate\" type=\"").append(r.mediaType()).append("\" href=\"").append(Html.escape(docPath + "." + r.extension())).append("\">\n");
        return sb.toString();
    }
}
