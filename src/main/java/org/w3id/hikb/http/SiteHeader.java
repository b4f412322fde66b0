package org.w3id.hikb.http;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

import org.w3id.hikb.records.Lang;

/**
 * The header every page shares, in the reader's language: the site's name, the navigation and the language
 * switch, as a {@link Header} for {@code src/main/jte/site-header.jte}.
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
}
