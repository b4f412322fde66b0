package org.w3id.hikb.importer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3id.hikb.App;
import org.w3id.hikb.TestBundle;
import org.w3id.hikb.config.Config;
import org.w3id.hikb.records.Record;
import org.w3id.hikb.records.RecordId;
import org.w3id.hikb.records.RecordReader;
import org.w3id.hikb.records.RecordType;
import org.w3id.hikb.search.RecordSearcher;
import org.w3id.hikb.vocab.HIKB;
import org.w3id.hikb.vocab.Namespaces;
import org.w3id.hikb.vocab.Terms;

/** The importers, on slices of the real files (src/test/resources/imports, same paths as ../shared/data). */
class ImportTest {
    private static final Path SLICES = Path.of("src/test/resources/imports");
    @TempDir Path tmp;
    App app;

    @BeforeEach
    void open() {
        app = App.open(Config.resolve(Map.of(), Map.of("data", tmp.resolve("data").toString())));
        app.loadBundle("test");
    }

    @AfterEach
    void close() {
        app.close();
    }

    private ImportRun.Report importFrom(Path from, String mapping) {
        return app.importSource(Mapping.read(Path.of("data/imports", mapping)), SourceFiles.in(from), Config.Scope.ALL, null);
    }

    private Record record(RecordType type, String slug) {
        return app.store().read(dsg -> new RecordReader(dsg).read(new RecordId(type, slug))).orElseThrow(() -> new AssertionError(slug));
    }

    private static String literal(Record r, Node subject, Node p) {
        return r.values(subject, p).get(0).getLiteralLexicalForm();
    }

    private static Node uri(String u) { return NodeFactory.createURI(u); }

    @Test
    void aHorizon2020RowBecomesAProjectFieldByField() {
        ImportRun.Report report = importFrom(SLICES, "cordis-h2020.yaml");
        assertEquals(15, report.read());
        assertEquals(List.of(), report.skipped());
        Record r = record(RecordType.PROJECT, "h2020-633053");
        Node self = r.node();
        assertTrue(literal(r, self, Terms.TITLE).startsWith("Implementation of activities described in the Roadmap to Fusion"));
        assertEquals("en", r.values(Terms.TITLE).get(0).getLiteralLanguage());
        assertEquals("EUROfusion", literal(r, self, HIKB.acronym));
        assertEquals("633053", literal(r, self, Terms.IDENTIFIER));
        assertEquals(List.of(uri("http://cordis.europa.eu/project/id/633053")), r.values(uri("http://www.w3.org/2002/07/owl#sameAs")));
        assertEquals(List.of(uri(Namespaces.ID + "programme/horizon-2020")), r.values(HIKB.programme));
        assertEquals("207", literal(r, self, uri(HIKB.NS + "participantCount")));
        Node funding = r.values(HIKB.funding).get(0);
        assertEquals(0, new BigDecimal("678800000").compareTo(new BigDecimal(literal(r, funding, HIKB.euContribution))));
        assertEquals(List.of(uri(Namespaces.CONCEPT + "funding-source/horizon-2020")), r.values(funding, HIKB.fund));
        assertEquals(List.of(uri("http://publications.europa.eu/resource/authority/currency/EUR")), r.values(funding, HIKB.currency));
        assertEquals(List.of(uri(Namespaces.ID + "source/cordis-h2020")), r.values(Terms.SOURCE));
        assertEquals(4, record(RecordType.PROGRAMME, "horizon-2020").values(Terms.TITLE).size(), "the programme, in four languages");
    }

    @Test
    void theSourcesOwnClassificationAndTheTextGiveDerivedThemesNeverCuratedOnes() {
        importFrom(SLICES, "cordis-h2020.yaml");
        Record health = record(RecordType.PROJECT, "h2020-853989");
        assertTrue(health.values(HIKB.derivedTheme).contains(uri(Namespaces.CONCEPT + "theme/health-and-care")), health.triples().toString());
        assertTrue(health.values(HIKB.theme).isEmpty(), "a classifier never writes a curated theme");
        assertTrue(record(RecordType.PROJECT, "h2020-633053").values(HIKB.derivedTheme).isEmpty(), "fusion research is not health");
    }

    @Test
    void aHealthRecordGetsTheSpecificThemesItsTextNamesAndNoOthers() {
        importFrom(SLICES, "cordis-h2020.yaml");
        // "... MANUFACTURING OF VACCINE AGAINST COVID-19", under "Health, demographic change and wellbeing"
        List<Node> themes = record(RecordType.PROJECT, "h2020-101018100").values(HIKB.derivedTheme);
        assertEquals(Set.of(uri(Namespaces.CONCEPT + "theme/health-and-care"), uri(Namespaces.CONCEPT + "theme/pandemic-preparedness")),
                Set.copyOf(themes), "COVID-19 is pandemic preparedness; nothing in the text says diagnostics, therapies or SMEs");
        // "ACADEMIA AND INDUSTRY UNITED INNOVATION AND TREATMENT FOR TUBERCULOSIS": a treatment, but not an advanced therapy
        assertEquals(List.of(uri(Namespaces.CONCEPT + "theme/health-and-care")), record(RecordType.PROJECT, "h2020-101007873").values(HIKB.derivedTheme));
    }

    @Test
    void reImportingIsAnUpsertThatChangesNoRecord() {
        importFrom(SLICES, "cordis-h2020.yaml");
        long before = app.writes().generation();
        Set<String> quadsBefore = recordQuads("cordis-h2020");
        importFrom(SLICES, "cordis-h2020.yaml");
        assertEquals(quadsBefore, recordQuads("cordis-h2020"));
        Set<Node> touched = app.writes().affectedSince(before);
        assertEquals(Set.of(uri(Namespaces.ID + "source/cordis-h2020")), touched, "only the import's own provenance changed");
    }

    /** The record statements of a source's graph (its provenance left out). */
    private Set<String> recordQuads(String source) {
        Node graph = ImportRun.graphOf(source);
        return app.store().read(dsg -> {
            Set<String> out = new TreeSet<>();
            dsg.find(graph, Node.ANY, Node.ANY, Node.ANY).forEachRemaining(q -> {
                if (!q.getSubject().getURI().startsWith(Namespaces.ID + "source/")) out.add(q.toString());
            });
            return out;
        });
    }

    @Test
    void aRecordDroppedFromTheSourceIsMarkedNotDeleted() throws IOException {
        Path from = copySlices();
        importFrom(from, "cordis-h2020.yaml");
        Path csv = from.resolve("cordis/h2020-projects.csv");
        List<String> lines = Files.readAllLines(csv);
        Files.write(csv, lines.stream().filter(l -> !l.contains(",633053,")).toList());
        ImportRun.Report again = importFrom(from, "cordis-h2020.yaml");
        assertEquals(1, again.dropped());
        Record dropped = record(RecordType.PROJECT, "h2020-633053");
        assertFalse(dropped.values(uri(HIKB.NS + "droppedFromSource")).isEmpty());
        assertTrue(record(RecordType.PROJECT, "h2020-101018100").values(uri(HIKB.NS + "droppedFromSource")).isEmpty());
    }

    private Path copySlices() throws IOException {
        Path to = tmp.resolve("slices");
        try (var walk = Files.walk(SLICES)) {
            for (Path p : walk.toList()) {
                Path target = to.resolve(SLICES.relativize(p).toString());
                if (Files.isDirectory(p)) Files.createDirectories(target);
                else Files.copy(p, target);
            }
        }
        return to;
    }

    @Test
    void aMalformedRowIsReportedWithItsLineAndSkippedAndTheImportGoesOn() throws IOException {
        Path from = copySlices();
        Path csv = from.resolve("cohesion/de/erdf-thueringen-2014-2020.csv");
        List<String> lines = new java.util.ArrayList<>(Files.readAllLines(csv));
        lines.add(3, ",2015 TIZ 9999,Ein Vorhaben mit unlesbarem Datum,31.31.2015,31.12.2016,\"1.000,00 €\",80%,7743,Deutschland,001 - Investitionen");
        Files.write(csv, lines);
        ImportRun.Report report = importFrom(from, "de-erdf-thueringen.yaml");
        assertEquals(9, report.read());
        assertEquals(1, report.skipped().size(), report.skipped().toString());
        ImportRun.Skip skip = report.skipped().get(0);
        assertEquals("row 3 (line 4)", skip.where());
        assertTrue(skip.reason().contains("'31.31.2015' is not a date"), skip.reason());
        assertTrue(report.summary().contains("read 9 rows") && report.summary().contains("skipped 1 row(s)"), report.summary());
        Record ok = record(RecordType.PROJECT, "de-th-2015-tiz-0299");
        assertEquals("2015-07-15", literal(ok, ok.node(), HIKB.startDate));
        Node funding = ok.values(HIKB.funding).get(0);
        assertEquals(0, new BigDecimal("40000").compareTo(new BigDecimal(literal(ok, funding, HIKB.totalBudget))));
        assertEquals(0, new BigDecimal("0.8").compareTo(new BigDecimal(literal(ok, funding, HIKB.cofinancingRate))));
        assertEquals("de", ok.values(Terms.TITLE).get(0).getLiteralLanguage());
    }

    @Test
    void swedishStructuralFundProjectsKeepTheirSwedishTextAndAreFoundBySearch() {
        importFrom(SLICES, "se-erdf-2014-2020.yaml");
        Record r = record(RecordType.PROJECT, "se-erdf-20200940");
        assertEquals("Ortsammanbindande nät Arjeplogs kommun", literal(r, r.node(), Terms.TITLE));
        assertEquals("sv", r.values(Terms.DESCRIPTION).get(0).getLiteralLanguage());
        assertEquals(List.of(uri(Namespaces.COUNTRY + "SWE")), r.values(HIKB.country));
        Node funding = r.values(HIKB.funding).get(0);
        assertEquals(List.of(uri("http://publications.europa.eu/resource/authority/currency/SEK")), r.values(funding, HIKB.currency));
        RecordSearcher searcher = new RecordSearcher(app.index());
        assertEquals(r.id().uri(), searcher.textSearch("bredbandsnät glesbygdsområden", 5).get(0).id(), "a compound-rich Swedish query");
        assertEquals(Namespaces.ID + "project/improve", searcher.textSearch("IMPROVE", 5).get(0).id(), "the seed still first for its name");
    }

    @Test
    void partnerRowsOfOneProjectMakeOneRecordWithItsPartnersAndLead() {
        ImportRun.Report report = importFrom(SLICES, "interreg-2021-2027-se.yaml");
        assertEquals(List.of(), report.skipped());
        Record p = record(RecordType.PROJECT, "interreg-aurora-nature-refines");
        assertTrue(p.values(HIKB.partner).size() >= 2, p.values(HIKB.partner).toString());
        assertEquals(1, p.values(HIKB.leadOrganisation).size());
        assertEquals(List.of(uri(Namespaces.ID + "programme/interreg-aurora")), p.values(HIKB.programme));
        for (Node partner : p.values(HIKB.partner))
            assertFalse(record(RecordType.ORGANISATION, RecordId.of(partner).orElseThrow().slug()).values(Terms.TITLE).isEmpty());
    }

    @Test
    void horizonEuropeProjectsGetTheirEuroSciVocFieldsByJoinAndMedicalOnesAreHealth() {
        importFrom(SLICES, "cordis-horizon-europe.yaml");
        Record medical = record(RecordType.PROJECT, "he-101113961");
        assertFalse(medical.values(HIKB.keyword).isEmpty(), "EuroSciVoc titles joined in");
        assertTrue(medical.values(HIKB.derivedTheme).contains(uri(Namespaces.CONCEPT + "theme/health-and-care")));
        Record erc = record(RecordType.PROJECT, "he-101116741");
        assertEquals("2024-02-01", literal(erc, erc.node(), HIKB.startDate));
        Node funding = erc.values(HIKB.funding).get(0);
        assertEquals(0, new BigDecimal("1499998").compareTo(new BigDecimal(literal(erc, funding, HIKB.totalBudget))));
    }

    @Test
    void resultsInBriefBecomeBriefsAndARowWithoutTitleIsSkipped() {
        ImportRun.Report report = importFrom(SLICES, "cordis-fp7-results-in-brief.yaml");
        assertEquals(6, report.read());
        assertEquals(1, report.skipped().size());
        assertTrue(report.skipped().get(0).reason().contains("{title} is empty"));
        Record brief = record(RecordType.BRIEF, "rib-81465");
        assertEquals("Increasing scientific synergy between Russia and Europe", literal(brief, brief.node(), Terms.TITLE));
        assertFalse(brief.values(Terms.ABSTRACT).isEmpty());
    }

    @Test
    void everyImportedSourceIsDescribedWithItsProvenance() {
        importFrom(SLICES, "cordis-fp7.yaml");
        Record source = record(RecordType.SOURCE, "cordis-fp7");
        assertEquals(List.of(uri("https://creativecommons.org/licenses/by/4.0/")), source.values(uri(Namespaces.DCT + "license")));
        assertEquals("cordis/fp7-projects.csv", literal(source, source.node(), HIKB.sourceFile));
        Node run = source.values(uri("http://www.w3.org/ns/prov#wasGeneratedBy")).get(0);
        assertTrue(literal(source, run, uri("http://www.w3.org/2000/01/rdf-schema#comment")).contains("read 8 rows"));
        assertTrue(record(RecordType.PROJECT, "fp7-304096").values(HIKB.funding).stream()
                .allMatch(f -> record(RecordType.PROJECT, "fp7-304096").values(f, HIKB.euContribution).isEmpty()),
                "a contribution of '-' is left out, not made up");
    }

    @Test
    void aMappingWithAnUnknownPropertyIsRefusedBeforeAnyRowIsRead() throws IOException {
        Path bad = tmp.resolve("bad.yaml");
        Files.writeString(bad, """
                source: { id: bad, file: cordis/fp7-projects.csv, language: en }
                records:
                  - type: project
                    id: "x-{Project Nbr}"
                    fields:
                      - { property: dct:titel, value: "{Project Title}" }
                """);
        long before = app.writes().generation();
        var e = org.junit.jupiter.api.Assertions.assertThrows(org.w3id.hikb.store.StoreException.class,
                () -> app.importSource(Mapping.read(bad), SourceFiles.in(SLICES), Config.Scope.ALL, null));
        assertTrue(e.getMessage().contains("dct:titel") || e.getMessage().contains("Unknown property"), e.getMessage());
        assertEquals(before, app.writes().generation());
    }

    /** A mapping of one's own over a CSV written by the test, as a curator would bring in a regional list. */
    private ImportRun.Report importOwn(String csv, String mapping) throws IOException {
        Path dir = tmp.resolve("own");
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("list.csv"), csv);
        Path m = dir.resolve("own.yaml");
        Files.writeString(m, mapping);
        return app.importSource(Mapping.read(m), SourceFiles.in(dir), Config.Scope.ALL, null);
    }

    private static final String OWN = """
            source: { id: own-list, file: list.csv, language: en }
            format: csv
            delimiter: ";"
            records:
              - type: project
                id: "own-{id}"
            %s
                fields:
                  - { property: dct:title, value: "{?title}", kind: text, lang: en }
                  - { property: hikb:acronym, value: "{?acronym}" }
                  - { property: hikb:startDate, value: "{?start}", kind: date, formats: ["yyyy-MM-dd HH:mm:ss", "d MMM yyyy"] }
            """;

    @Test
    void aByteOrderMarkBeforeAQuotedFirstColumnIsNoPartOfItsName() throws IOException {
        ImportRun.Report r = importOwn("\uFEFF\"id\";\"title\";\"acronym\";\"start\"\n\"7\";\"Care at home\";\"CAH\";\"\"\n",
                OWN.formatted("    when: { column: id, notEmpty: true }"));
        assertEquals(1, r.imported(), r.summary());
        assertEquals("Care at home", literal(record(RecordType.PROJECT, "own-7"), record(RecordType.PROJECT, "own-7").node(), Terms.TITLE));
    }

    @Test
    void aConditionCanTestSeveralColumns() throws IOException {
        ImportRun.Report r = importOwn("id;title;acronym;start\n1;Care at home;CAH;\n2;Care robots;CR;\n3;Home care;HC;\n",
                OWN.formatted("    when: { all: [ { column: title, matches: \"[Cc]are\" }, { column: acronym, matches: \"^C\" } ] }"));
        assertEquals(2, r.imported(), r.summary());
        assertTrue(app.store().read(dsg -> new RecordReader(dsg).read(new RecordId(RecordType.PROJECT, "own-3"))).isEmpty(),
                "the row whose acronym does not start with C makes no record");
    }

    @Test
    void aRecordSpreadOverRowsInDifferentBatchesIsWrittenWhole() throws IOException {
        StringBuilder csv = new StringBuilder("id;title;acronym;start\n1;;FIRST;\n");
        for (int i = 2; i <= ImportRun.BATCH + 5; i++) csv.append(i).append(";Record ").append(i).append(";;\n");
        csv.append("1;The title comes last;;\n");
        ImportRun.Report r = importOwn(csv.toString(), OWN.formatted(""));
        assertEquals(List.of(), r.skipped(), r.summary());
        Record first = record(RecordType.PROJECT, "own-1");
        assertEquals("The title comes last", literal(first, first.node(), Terms.TITLE));
        assertEquals("FIRST", literal(first, first.node(), HIKB.acronym));
    }

    @Test
    void aMappingsDateFormatsComeBeforeTheUsualOnesAndMayHaveATime() throws IOException {
        importOwn("id;title;acronym;start\n1;A;;2021-03-04 10:15:00\n2;B;;5 Jan 2020\n3;C;;2019-07-01\n", OWN.formatted(""));
        assertEquals("2021-03-04", literal(record(RecordType.PROJECT, "own-1"), record(RecordType.PROJECT, "own-1").node(), HIKB.startDate));
        assertEquals("2020-01-05", literal(record(RecordType.PROJECT, "own-2"), record(RecordType.PROJECT, "own-2").node(), HIKB.startDate));
        assertEquals("2019-07-01", literal(record(RecordType.PROJECT, "own-3"), record(RecordType.PROJECT, "own-3").node(), HIKB.startDate));
    }

    @Test
    void wellbeingAloneAndTheHealthOfCropsOrAntsAreNotHumanHealth() throws IOException {
        importOwn("id;title;acronym;start\n"
                + "1;Improving farmers' wellbeing through social innovation;;\n"
                + "2;Wellbeing of patients with chronic pain;;\n"
                + "3;Studying Wolbachia infection in ants;;\n"
                + "4;Biosensors for the diagnosis of pathogens in aquaculture;;\n"
                + "5;Biosensors for the diagnosis of sepsis;;\n", OWN.formatted(""));
        Node health = uri(Namespaces.CONCEPT + "theme/health-and-care");
        java.util.function.IntPredicate isHealth = id -> record(RecordType.PROJECT, "own-" + id).values(HIKB.derivedTheme).contains(health);
        assertFalse(isHealth.test(1), "wellbeing alone is a weak term");
        assertTrue(isHealth.test(2), "beside a health term it counts");
        assertFalse(isHealth.test(3), "the infection of ants");
        assertFalse(isHealth.test(4), "the pathogens of farmed fish");
        assertTrue(isHealth.test(5), "the same words about people");
    }

    @Test
    void aThemeNamedOnceInPassingInASummaryIsNotTheRecordsTheme() throws IOException {
        String withSummary = OWN.formatted("").replace("{ property: hikb:acronym, value: \"{?acronym}\" }",
                "{ property: dct:abstract, value: \"{?acronym}\", kind: text, lang: en }");
        assertTrue(withSummary.contains("dct:abstract"), withSummary);
        importOwn("id;title;acronym;start\n"
                + "1;Biosensors for the diagnosis of sepsis;The sensor is read by software at the bedside.;\n"
                + "2;Biosensors for the diagnosis of sepsis;The sensor is read by software, and an algorithm warns the nurse.;\n"
                + "3;Software for the diagnosis of sepsis;The sensor is read at the bedside.;\n", withSummary);
        Node digital = uri(Namespaces.CONCEPT + "theme/digital-health");
        java.util.function.IntPredicate isDigital = id -> record(RecordType.PROJECT, "own-" + id).values(HIKB.derivedTheme).contains(digital);
        assertTrue(record(RecordType.PROJECT, "own-1").values(HIKB.derivedTheme).contains(uri(Namespaces.CONCEPT + "theme/advanced-diagnostics")),
                "diagnosis named in the title");
        assertFalse(isDigital.test(1), "software once in the summary is an aside");
        assertTrue(isDigital.test(2), "software and an algorithm: two places of the summary");
        assertTrue(isDigital.test(3), "software in the title");
    }

    @Test
    void aRegionIsReadAsItsNutsCodeFromItsNameOrCode() throws IOException {
        String withRegion = OWN.formatted("").replace("{ property: hikb:acronym, value: \"{?acronym}\" }",
                "{ property: hikb:region, value: \"{?acronym}\", kind: region, map: { \"Skåne-Blekinge\": SE22, \"Nationellt\": \"\" } }");
        assertTrue(withRegion.contains("kind: region"), withRegion);
        ImportRun.Report r = importOwn("id;title;acronym;start\n1;A;Övre Norrland;\n2;B;se110;\n3;C;Skåne-Blekinge;\n4;D;Nationellt;\n5;E;Nowhere;\n", withRegion);
        java.util.function.IntFunction<List<Node>> region = id -> record(RecordType.PROJECT, "own-" + id).values(HIKB.region);
        assertEquals(List.of(uri(Namespaces.NUTS + "SE33")), region.apply(1), "by its national name");
        assertEquals(List.of(uri(Namespaces.NUTS + "SE110")), region.apply(2), "by its code");
        assertEquals(List.of(uri(Namespaces.NUTS + "SE22")), region.apply(3), "through the mapping's own names");
        assertEquals(List.of(), region.apply(4), "mapped to nothing");
        assertEquals(1, r.skipped().size(), r.summary());
        assertTrue(r.skipped().toString().contains("'Nowhere' is no NUTS region"), r.skipped().toString());
    }

    @Test
    void aRunThatImportsNothingFromANonEmptyFileSaysWhy() throws IOException {
        ImportRun.Report r = importOwn("ident;titolo\n1;Cura a domicilio\n2;Robot di cura\n", OWN.formatted("    when: { column: id, notEmpty: true }"));
        assertEquals(0, r.imported());
        assertTrue(r.warning() != null && r.warning().contains("[id]") && r.warning().contains("ident"), String.valueOf(r.warning()));
        assertTrue(r.summary().contains("WARNING: nothing was imported from 2 rows"), r.summary());
    }
}
