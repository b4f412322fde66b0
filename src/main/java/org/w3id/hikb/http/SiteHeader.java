package org.w3id.hikb.http;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

import org.w3id.hikb.records.Lang;

/**
 * The header every page shares, in the reader's language: the site's name, the navigation and the language
 * switch, as the template values {@code lang}, {@code siteName}, {@code navSearch}, {@code navSparql},
 * {@code navApi}, {@code navCatalog}, {@code languageSwitch} and {@code languages}.
 */
public final class SiteHeader {
    private SiteHeader() {}

    /** @param hrefIn where this page is in another language */
    public static Map<String, String> values(Lang lang, Function<Lang, String> hrefIn) {
        Messages text = Messages.of(lang);
        Map<String, String> v = new HashMap<>();
        v.put("lang", lang.code());
        v.put("siteName", text.get("site.name"));
        v.put("navSearch", text.get("nav.search"));
        v.put("navSparql", text.get("nav.sparql"));
        v.put("navApi", text.get("nav.api"));
        v.put("navCatalog", text.get("nav.catalog"));
        v.put("languageSwitch", text.get("language.switch"));
        StringBuilder links = new StringBuilder();
        for (Lang l : Lang.values())
            links.append("<a href=\"").append(Html.escape(hrefIn.apply(l))).append("\" hreflang=\"").append(l.code())
                 .append("\" lang=\"").append(l.code()).append("\"").append(l == lang ? " aria-current=\"true\"" : "").append(">")
                 .append(l.code().toUpperCase(Locale.ROOT)).append("</a>");
        v.put("languages", links.toString());
        return v;
    }
}
