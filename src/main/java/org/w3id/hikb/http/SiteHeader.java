package org.w3id.hikb.http;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

import org.w3id.hikb.records.Lang;

/**
 * The header every page shares, in the reader's language: the site's name, the navigation and the language
 * switch. Templates take it as a {@link Header} ({@code src/main/jte/site-header.jte}); the pages not yet on
 * templates as the values {@code lang}, {@code siteName}, {@code navSearch}, {@code navSparql},
 * {@code navApi}, {@code navCatalog}, {@code languageSwitch} and {@code languages}.
 */
public final class SiteHeader {
    private SiteHeader() {}

    /** The header's texts and the links to this page in the other languages. */
    public record Header(String lang, String siteName, String navSearch, String navSparql, String navApi, String navCatalog,
                         String languageSwitch, List<LanguageLink> languages) {}

    /** A link to this page in one language: its code as shown ("IT"), where, and whether it is this one. */
    public record LanguageLink(String code, String label, String href, boolean current) {}

    /** @param hrefIn where this page is in another language */
    public static Header header(Lang lang, Function<Lang, String> hrefIn) {
        Messages text = Messages.of(lang);
        List<LanguageLink> links = new ArrayList<>();
        for (Lang l : Lang.values()) links.add(new LanguageLink(l.code(), l.code().toUpperCase(Locale.ROOT), hrefIn.apply(l), l == lang));
        return new Header(lang.code(), text.get("site.name"), text.get("nav.search"), text.get("nav.sparql"), text.get("nav.api"),
                text.get("nav.catalog"), text.get("language.switch"), links);
    }

    /** @param hrefIn where this page is in another language */
    public static Map<String, String> values(Lang lang, Function<Lang, String> hrefIn) {
        Header h = header(lang, hrefIn);
        Map<String, String> v = new HashMap<>();
        v.put("lang", h.lang());
        v.put("siteName", h.siteName());
        v.put("navSearch", h.navSearch());
        v.put("navSparql", h.navSparql());
        v.put("navApi", h.navApi());
        v.put("navCatalog", h.navCatalog());
        v.put("languageSwitch", h.languageSwitch());
        StringBuilder links = new StringBuilder();
        for (LanguageLink l : h.languages())
            links.append("<a href=\"").append(Html.escape(l.href())).append("\" hreflang=\"").append(l.code())
                 .append("\" lang=\"").append(l.code()).append("\"").append(l.current() ? " aria-current=\"true\"" : "").append(">")
                 .append(l.label()).append("</a>");
        v.put("languages", links.toString());
        return v;
    }
}
