package org.w3id.hikb.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.w3id.hikb.Chromium;
import org.w3id.hikb.RunningKnowledgeBase;
import org.w3id.hikb.http.Messages;
import org.w3id.hikb.records.Lang;

/**
 * A policy maker at the search page, in a real headless {@link Chromium}. Screenshots of the page in each
 * language go to {@code target/screenshots/}.
 */
class SearchPageBrowserTest {
    static final Path DOWNLOADS = Path.of("target", "browser-downloads").toAbsolutePath();
    static final Path SCREENSHOTS = Path.of("target", "screenshots");
    static RunningKnowledgeBase kb;
    static ChromeDriver browser;

    @BeforeAll
    static void start() throws IOException {
        Files.createDirectories(DOWNLOADS);
        Files.createDirectories(SCREENSHOTS);
        browser = Chromium.start(DOWNLOADS);
        kb = RunningKnowledgeBase.shared();
    }

    @AfterAll
    static void stop() {
        if (browser != null) browser.quit();
    }

    static WebDriverWait waiting() {
        return new WebDriverWait(browser, Duration.ofSeconds(10));
    }

    /**
     * Waits until a new page has loaded whose URL says {@code urlPart} and which has {@code element}. (Asking a
     * page that is going away about its elements can fail in other ways than "stale": those are ignored too.)
     */
    static void newPage(WebElement old, String urlPart, By element) {
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(10));
        wait.ignoring(org.openqa.selenium.WebDriverException.class);
        wait.until(d -> {
            try {
                old.isEnabled();
                return false;  // still the old page
            } catch (org.openqa.selenium.StaleElementReferenceException e) {
                return d.getCurrentUrl().contains(urlPart) && !d.findElements(element).isEmpty()
                        && "complete".equals(((JavascriptExecutor) d).executeScript("return document.readyState"));
            }
        });
    }

    static String firstResultTitle() {
        return browser.findElement(By.cssSelector("ol.results li h3 a")).getText();
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource({ "it, telemedicina aree rurali, IMPROVE", "de, Innovationstransfer Gesundheit Alpenraum, HACK-IT-NET",
                 "en, smart specialisation clusters, S3-4AlpClusters", "sv, hemtjänst digital teknik, IMPROVE" })
    void aSearchInEachLanguageFindsTheInitiative(String lang, String words, String expected) throws IOException {
        browser.get(kb.url("/?lang=" + lang));
        WebElement box = browser.findElement(By.id("q"));
        box.sendKeys(words, Keys.ENTER);
        newPage(box, "q=", By.cssSelector("ol.results li h3 a"));
        assertTrue(firstResultTitle().contains(expected), firstResultTitle());
        assertEquals(lang, browser.findElement(By.tagName("html")).getAttribute("lang"));
        Files.write(SCREENSHOTS.resolve("search-" + lang + ".png"), browser.getScreenshotAs(OutputType.BYTES));
    }

    @Test
    void tickingAFacetNarrowsTheResultsAndTheCountChanges() {
        browser.get(kb.url("/?lang=en"));
        WebElement count = browser.findElement(By.id("count"));
        String before = count.getText();
        browser.findElement(By.cssSelector("input[name=country][value=ITA]")).click();
        // The script submits the form at once: wait for the new page.
        newPage(count, "country=ITA", By.id("count"));
        String after = browser.findElement(By.id("count")).getText();
        assertTrue(browser.getCurrentUrl().contains("country=ITA"), browser.getCurrentUrl());
        assertTrue(number(after) < number(before), before + " -> " + after);
        assertTrue(browser.findElement(By.cssSelector("input[name=country][value=ITA]")).isSelected());
        for (WebElement meta : browser.findElements(By.cssSelector("ol.results .meta")))
            assertTrue(meta.getText().contains("Italy"), meta.getText());
    }

    @Test
    void switchingTheInterfaceLanguageChangesEveryLabel() {
        browser.get(kb.url("/?lang=en&q=innovation"));
        Map<String, String> english = labels();
        WebElement heading = browser.findElement(By.tagName("h1"));
        browser.findElement(By.cssSelector("nav.langs a[hreflang=de]")).click();
        newPage(heading, "lang=de", By.id("countries-heading"));
        Map<String, String> german = labels();
        Messages de = Messages.of(Lang.DE);
        assertEquals(de.get("search.title"), german.get("h1"));
        assertEquals(de.get("search.label"), german.get("label[for=q]"));
        assertEquals(de.get("search.button"), german.get("form button[type=submit]"));
        assertEquals(de.get("search.filters"), german.get("#filters-heading"));
        assertEquals(de.get("search.sort"), german.get("label[for=sort]"));
        for (String key : english.keySet())
            assertFalse(english.get(key).equals(german.get(key)), key + " is still '" + english.get(key) + "'");
        assertEquals("innovation", browser.findElement(By.id("q")).getAttribute("value"), "the search is kept");
    }

    static Map<String, String> labels() {
        Map<String, String> out = new HashMap<>();
        for (String css : List.of("h1", "label[for=q]", "form button[type=submit]", "#filters-heading", "label[for=sort]", "fieldset legend", "#countries-heading"))
            out.put(css, browser.findElement(By.cssSelector(css)).getText());
        return out;
    }

    @Test
    void aResultOpensItsRecordPageInTheSameLanguage() {
        browser.get(kb.url("/?lang=it&q=telemedicina+aree+rurali"));
        String title = firstResultTitle();
        WebElement link = browser.findElement(By.cssSelector("ol.results li h3 a"));
        link.click();
        newPage(link, "/doc/id/", By.id("h-facts"));
        assertEquals(title, browser.findElement(By.tagName("h1")).getText());
        assertEquals("it", browser.findElement(By.tagName("html")).getAttribute("lang"));
        assertTrue(browser.findElement(By.id("h-facts")).getText().contains("Dati principali"));
    }

    @Test
    void theResultsDownloadAsCsv() throws Exception {
        try (Stream<Path> old = Files.list(DOWNLOADS)) {
            old.forEach(p -> p.toFile().delete());
        }
        browser.get(kb.url("/?lang=en&country=ITA"));
        long shown = number(browser.findElement(By.id("count")).getText());
        browser.findElement(By.id("export-csv")).click();
        Path csv = DOWNLOADS.resolve("hikb-export.csv");
        waiting().until(d -> Files.exists(csv) && csv.toFile().length() > 0);
        List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
        assertTrue(lines.get(0).startsWith("id,type,title"), lines.get(0));
        assertEquals(shown, rows(lines), "every result, not a page of them");
    }

    @Test
    void aSpreadsheetInAnItalianOrGermanLocaleGetsSemicolonsAndAByteOrderMark() throws Exception {
        try (Stream<Path> old = Files.list(DOWNLOADS)) {
            old.forEach(p -> p.toFile().delete());
        }
        browser.get(kb.url("/?lang=de&type=project"));
        long shown = number(browser.findElement(By.id("count")).getText());
        browser.findElement(By.id("export-excel")).click();
        Path csv = DOWNLOADS.resolve("hikb-export.csv");
        waiting().until(d -> Files.exists(csv) && csv.toFile().length() > 0);
        byte[] bytes = Files.readAllBytes(csv);
        assertEquals(List.of((byte) 0xEF, (byte) 0xBB, (byte) 0xBF), List.of(bytes[0], bytes[1], bytes[2]), "a UTF-8 byte-order mark");
        List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
        assertTrue(lines.get(0).startsWith("\uFEFFid;type;title;"), lines.get(0));
        assertEquals(shown, rows(lines));
        assertTrue(lines.stream().skip(1).anyMatch(l -> l.matches(".*;\\d+(,\\d+)?;EUR;.*")), "budgets: " + lines);
        assertTrue(lines.stream().noneMatch(l -> l.matches(".*;\\d+\\.\\d+;EUR;.*")), "budgets with a decimal comma, never a point: " + lines);
    }

    @Test
    void aSearchWithNoResultsOffersNothingToDownload() {
        browser.get(kb.url("/?lang=en&q=zzzqqqxxx"));
        assertFalse(browser.findElement(By.id("export-csv")).isDisplayed());
        assertTrue(browser.findElement(By.id("permalink")).isDisplayed());
        browser.get(kb.url("/?lang=en&q=telemedicine"));
        assertTrue(browser.findElement(By.id("export-csv")).isDisplayed());
    }

    /** Data rows of a CSV whose quoted cells may span lines. */
    static long rows(List<String> lines) {
        long rows = 0;
        boolean open = false;
        for (String line : lines.subList(1, lines.size())) {
            if (!open) rows++;
            for (char c : line.toCharArray()) if (c == '"') open = !open;
        }
        return rows;
    }

    @Test
    void theSearchAndRecordPagesHaveNoSeriousAccessibilityProblems() throws IOException {
        for (String path : List.of("/?lang=sv&q=telemedicin", "/doc/id/project/hack-it-net?lang=de", "/sparql", "/ontology?lang=it")) {
            browser.get(kb.url(path));
            List<String> serious = axe();
            assertTrue(serious.isEmpty(), path + ": " + serious);
        }
    }

    @SuppressWarnings("unchecked")
    static List<String> axe() throws IOException {
        JavascriptExecutor js = browser;
        try (InputStream in = SearchPageBrowserTest.class.getResourceAsStream("/axe/axe.min.js")) {
            js.executeScript(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
        List<Map<String, Object>> violations = (List<Map<String, Object>>) js.executeAsyncScript(
                "var done = arguments[arguments.length - 1];"
                + "axe.run(document, { runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] })"
                + ".then(function (r) { done(r.violations.map(function (v) { return { id: v.id, impact: v.impact, nodes: v.nodes.length,"
                + " target: v.nodes.length ? String(v.nodes[0].target) : '' }; })); });");
        List<String> out = new ArrayList<>();
        for (Map<String, Object> v : violations)
            if ("serious".equals(v.get("impact")) || "critical".equals(v.get("impact")))
                out.add(v.get("id") + " (" + v.get("impact") + ", " + v.get("nodes") + " nodes, e.g. " + v.get("target") + ")");
        return out;
    }

    @Test
    void onAPhoneThePageDoesNotScrollSideways() throws IOException {
        Dimension desktop = browser.manage().window().getSize();
        try {
            browser.manage().window().setSize(new Dimension(375, 800));
            for (String path : List.of("/?lang=en&q=digital+health", "/doc/id/project/improve?lang=sv")) {
                browser.get(kb.url(path));
                Object overflow = ((JavascriptExecutor) browser).executeScript(
                        "return document.documentElement.scrollWidth - document.documentElement.clientWidth;");
                assertTrue(((Number) overflow).longValue() <= 0, path + " overflows by " + overflow + " px");
            }
            browser.get(kb.url("/?lang=en&q=digital+health"));
            Files.write(SCREENSHOTS.resolve("search-phone.png"), browser.getScreenshotAs(OutputType.BYTES));
        } finally {
            browser.manage().window().setSize(desktop);
        }
    }

    @Test
    void onAPhoneTheFirstResultIsInTheFirstScreenAndTheFiltersFoldAway() {
        Dimension desktop = browser.manage().window().getSize();
        try {
            browser.manage().window().setSize(new Dimension(390, 844));
            browser.get(kb.url("/?lang=it&q=salute"));
            JavascriptExecutor js = (JavascriptExecutor) browser;
            long top = ((Number) js.executeScript("return document.querySelector('ol.results li').getBoundingClientRect().top;")).longValue();
            long screen = ((Number) js.executeScript("return window.innerHeight;")).longValue();
            assertTrue(top < screen - 40, "the first result starts at " + top + " px of a " + screen + " px screen");
            WebElement filters = browser.findElement(By.id("filters"));
            assertFalse(filters.getAttribute("open") != null, "the filters are folded");
            assertFalse(browser.findElement(By.cssSelector("#filters fieldset input")).isDisplayed());
            browser.findElement(By.cssSelector("#filters > summary")).click();
            assertTrue(browser.findElement(By.cssSelector("#filters fieldset input")).isDisplayed(), "and open with a tap");
        } finally {
            browser.manage().window().setSize(desktop);
        }
        browser.get(kb.url("/?lang=it&q=salute"));
        assertTrue(browser.findElement(By.cssSelector("#filters fieldset input")).isDisplayed(), "on a wide screen they are open");
    }

    @Test
    void theMapShowsTheCountriesAndACountryFiltersTheResults() {
        browser.get(kb.url("/?lang=it"));
        List<WebElement> countries = browser.findElements(By.cssSelector("figure.map svg a"));
        assertFalse(countries.isEmpty(), "countries with records are on the map");
        WebElement italy = browser.findElement(By.cssSelector("figure.map svg a[href*='country=ITA']"));
        assertTrue(italy.getAttribute("aria-label").startsWith("Italia: "), italy.getAttribute("aria-label"));
        org.openqa.selenium.Rectangle box = italy.findElement(By.tagName("path")).getRect();
        org.openqa.selenium.Rectangle sweden = browser.findElement(By.cssSelector("figure.map svg a[href*='country=SWE'] path")).getRect();
        assertTrue(box.getWidth() > 20 && box.getHeight() > 20, "Italy is drawn: " + box);
        assertTrue(sweden.getY() < box.getY(), "north is up: Sweden above Italy");
        long before = number(browser.findElement(By.id("count")).getText());
        WebElement old = browser.findElement(By.id("count"));
        ((JavascriptExecutor) browser).executeScript("arguments[0].dispatchEvent(new MouseEvent('click', {bubbles: true}));", italy);
        newPage(old, "country=ITA", By.id("count"));
        long after = number(browser.findElement(By.id("count")).getText());
        assertTrue(after > 0 && after < before, before + " -> " + after);
    }

    @Test
    void aRegionsCircleLiesInItsCountryAndFiltersByTheRegion() {
        browser.get(kb.url("/?lang=sv"));
        // IMPROVE and its partner are in Västernorrland (NUTS SE321), so in Mellersta Norrland (SE32).
        WebElement region = browser.findElement(By.cssSelector("figure.map svg a[href*='region=SE32']"));
        assertEquals("Mellersta Norrland: 2", region.getAttribute("aria-label"));
        org.openqa.selenium.Rectangle circle = region.findElement(By.tagName("circle")).getRect();
        org.openqa.selenium.Rectangle sweden = browser.findElement(By.cssSelector("figure.map svg a[href*='country=SWE'] path")).getRect();
        assertTrue(circle.getX() >= sweden.getX() && circle.getX() + circle.getWidth() <= sweden.getX() + sweden.getWidth()
                && circle.getY() >= sweden.getY() && circle.getY() + circle.getHeight() <= sweden.getY() + sweden.getHeight(),
                "the circle " + circle + " is inside Sweden " + sweden);
        WebElement old = browser.findElement(By.id("count"));
        ((JavascriptExecutor) browser).executeScript("arguments[0].dispatchEvent(new MouseEvent('click', {bubbles: true}));", region);
        newPage(old, "region=SE32", By.id("count"));
        assertEquals(2, number(browser.findElement(By.id("count")).getText()));
        assertTrue(browser.findElement(By.cssSelector("#filters input[name=region][value=SE32]")).isSelected(), "the region's filter is ticked");
    }

    static long number(String text) {
        return Long.parseLong(text.replaceAll("[^0-9]", ""));
    }
}
