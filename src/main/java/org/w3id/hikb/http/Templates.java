package org.w3id.hikb.http;

import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;

/**
 * The pages' JTE templates ({@code src/main/jte/}), compiled into classes at build time by the
 * jte-maven-plugin: a template's parameters are typed, so a misspelt value fails the build, and every
 * {@code ${...}} is escaped for where it stands (text, attribute, URL). {@code $unsafe{...}} marks the few
 * values that are markup already (a snippet the highlighter escaped and marked up).
 */
public final class Templates {
    private static final TemplateEngine ENGINE = TemplateEngine.createPrecompiled(ContentType.Html);

    private Templates() {}

    /** The page a template makes of its one parameter ({@code search.jte} and a {@code SearchView}). */
    public static String render(String template, Object model) {
        StringOutput out = new StringOutput();
        ENGINE.render(template, model, out);
        return out.toString();
    }
}
