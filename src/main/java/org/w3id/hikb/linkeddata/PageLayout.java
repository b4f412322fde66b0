package org.w3id.hikb.linkeddata;

import java.util.ArrayList;
import java.util.List;

import org.w3id.hikb.http.Messages;
import org.w3id.hikb.http.Representation;
import org.w3id.hikb.http.SiteHeader;
import org.w3id.hikb.http.Templates;
import org.w3id.hikb.records.Lang;

/**
 * The frame of every linked-data page ({@code src/main/jte/resource.jte}): the site's header with the
 * language switch, the title, the main part, links to the other representations ({@code <link
 * rel="alternate">} and downloads), the URI, and the embedded schema.org JSON-LD.
 */
public final class PageLayout {
    private PageLayout() {}

    /**
     * What the frame shows. {@code mainHtml} is markup built from escaped parts; {@code jsonLd} is safe inside
     * a script element; {@code csvHref} is null for a page with no CSV form; {@code current} names the
     * navigation link of this page (the catalogue's), or is null.
     */
    public record View(SiteHeader.Header header, String current, String title, String typeLabel, String mainHtml, String downloadsHeading,
                       List<Download> downloads, String csvHref, String uriLabel, String uri, String jsonLd) {}

    /** One RDF representation of the page's document. */
    public record Download(String href, String mediaType, String label) {}

    /**
     * @param docPath the document's path without extension; the representations are {@code docPath.ttl}, ...
     * @param mainHtml markup built from escaped parts
     */
    static String render(Lang lang, String docPath, String title, String typeLabel, String mainHtml, String jsonLd, String uri) {
        Messages text = Messages.of(lang);
        List<Download> downloads = new ArrayList<>();
        for (Representation r : Representation.values())
            if (r.isRdf()) downloads.add(new Download(docPath + "." + r.extension(), r.mediaType(), r.label()));
        // Inside a script element "</script" or "<!--" from the data could end it or change how it is read:
        // JSON outside strings has no "<", and inside strings "\u003c" means the same.
        View v = new View(SiteHeader.header(lang, l -> docPath + "?lang=" + l.code()), docPath.equals("/catalog") ? "catalog" : null, title, typeLabel, mainHtml,
                text.get("page.downloads"), downloads, docPath.startsWith("/doc/") ? docPath + ".csv" : null,
                text.get("page.uri"), uri, jsonLd.replace("<", "\\u003c"));
        return Templates.render("resource.jte", v);
    }
}
