package org.w3id.hikb.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.w3id.hikb.RunningKnowledgeBase;

/** A policy maker's searches, in her language, over HTTP against the running knowledge base. */
class SearchApiTest {
    static RunningKnowledgeBase kb;

    @BeforeAll static void start() { kb = RunningKnowledgeBase.shared(); }

    static JsonNode search(String query, String... more) {
        StringBuilder url = new StringBuilder("/api/search?q=").append(URLEncoder.encode(query, StandardCharsets.UTF_8));
        for (String m : more) url.append('&').append(m);
        HttpResponse<String> r = kb.get(url.toString());
        assertEquals(200, r.statusCode(), r.body());
        return RunningKnowledgeBase.json(r.body());
    }

    static List<String> slugs(JsonNode result) {
        List<String> out = new ArrayList<>();
        result.path("results").forEach(r -> out.add(r.path("slug").asText()));
        return out;
    }

    static void assertInTop(int n, String slug, List<String> slugs) {
        assertTrue(slugs.subList(0, Math.min(n, slugs.size())).contains(slug), slug + " in the first " + n + " of " + slugs);
    }

    @Test
    void italianTelemedicineInRuralAreasFindsTheSwedishImproveProjectFirst() {
        assertEquals("improve", slugs(search("telemedicina aree rurali")).get(0));
    }

    @Test
    void germanInnovationTransferHealthAlpineRegionFindsTheTwoAlpineSpaceProjects() {
        List<String> found = slugs(search("Innovationstransfer Gesundheit Alpenraum"));
        assertEquals("hack-it-net", found.get(0));
        assertInTop(3, "s3-4alpclusters", found);
    }

    @Test
    void swedishHomeCareDigitalTechnologyFindsImprove() {
        assertEquals("improve", slugs(search("hemtjänst digital teknik")).get(0));
    }

    @Test
    void englishTechnologyTransferCentresFindsTheItalianHealthEcosystem() {
        List<String> found = slugs(search("technology transfer centres"));
        assertInTop(4, "ecosistema-innovativo-della-salute", found);
        assertInTop(4, "dheal-com", found);
        assertInTop(4, "rete-centri-trasferimento-tecnologico", found);
    }

    @Test
    void italianChronicPatientsFindsTheMilanWorkshop() {
        assertEquals("s3-4alpclusters-adw-milano-2018", slugs(search("pazienti cronici")).get(0));
    }

    @Test
    void aConceptNamedInOneLanguageFindsRecordsTaggedWithItWrittenInAnother() {
        // "Telemedizin" appears in no record's German text, only as a label of the telemedicine theme.
        List<String> found = slugs(search("Telemedizin"));
        assertTrue(found.containsAll(List.of("improve", "lsh-dh")), found.toString());
    }

    @Test
    void compoundWordsFindTheirParts() {
        assertEquals("hack-it-net", slugs(search("Gesundheitsinnovation")).get(0));
        assertEquals("improve", slugs(search("hemtjänsten")).get(0));
        assertEquals("improve", slugs(search("landsbygdsområden")).get(0));
        assertTrue(slugs(search("område")).contains("improve"), "a part finds the compound");
    }

    @ParameterizedTest
    @ValueSource(strings = { "HACK-IT-NET", "hack-it-net", "hack it net", "HackItNet", "hackitnet" })
    void hackItNetIsFoundAsTypedWithOrWithoutHyphensInAnyCase(String typed) {
        assertEquals("hack-it-net", slugs(search(typed)).get(0));
    }

    @ParameterizedTest
    @ValueSource(strings = { "S3-4AlpClusters", "s3-4alpclusters", "S3 4AlpClusters", "S34ALPCLUSTERS" })
    void s3AlpClustersIsFoundAsTyped(String typed) {
        assertEquals("s3-4alpclusters", slugs(search(typed)).get(0));
    }

    @ParameterizedTest
    @ValueSource(strings = { "DHEAL-COM", "dheal com", "dhealcom" })
    void dhealComIsFoundAsTyped(String typed) {
        assertEquals("dheal-com", slugs(search(typed)).get(0));
    }

    @Test
    void aTypoInALongWordStillFinds() {
        assertTrue(slugs(search("telemedicne")).contains("improve"));
        assertTrue(slugs(search("Alpenraun")).contains("hack-it-net"));
    }

    @Test
    void snippetsAreHighlightedInTheLanguageTheWordsMatched() {
        JsonNode first = search("pazienti cronici").path("results").get(0);
        assertEquals("it", first.path("snippetLanguage").asText());
        assertTrue(first.path("snippet").asText().contains("<mark>pazienti"), first.path("snippet").asText());
    }

    @Test
    void facetCountsFollowTheOtherFiltersAndAFilterNarrowsTheResults() {
        JsonNode all = search("innovation");
        JsonNode italian = search("innovation", "country=ITA");
        assertTrue(italian.path("total").asLong() < all.path("total").asLong());
        assertTrue(italian.path("total").asLong() > 0);
        long typeSum = 0;
        for (JsonNode t : italian.path("facets").path("type")) typeSum += t.path("count").asLong();
        assertEquals(italian.path("total").asLong(), typeSum, "type counts follow the country filter");
        assertEquals(countOf(all, "country", "SWE"), countOf(italian, "country", "SWE"), "the country facet ignores its own filter");
        JsonNode both = search("innovation", "country=ITA", "country=SWE");
        assertEquals(countOf(all, "country", "ITA") + countOf(all, "country", "SWE"), both.path("total").asLong(), "no seed record is in both");
        for (JsonNode r : italian.path("results"))
            assertTrue(r.path("countries").toString().contains("ITA"), r.toString());
    }

    @Test
    void aNutsRegionFiltersAndCountsTheRecordsInIt() {
        // The seed places name their NUTS codes: Västernorrland SE321 (in SE32), Lombardia ITC4, Región de Murcia ES62.
        JsonNode north = browse("region=SE32");
        assertEquals(List.of("improve", "kommunforbundet-vasternorrland"), slugs(north).stream().sorted().toList());
        JsonNode all = browse("scope=health");
        assertEquals(2, countOf(all, "region", "SE32"), all.path("facets").toString());
        assertTrue(countOf(all, "region", "ITC4") > 0 && countOf(all, "region", "ES62") > 0, all.path("facets").toString());
        for (JsonNode v : north.path("facets").path("region"))
            if (v.path("value").asText().equals("SE32")) assertEquals("Mellersta Norrland", v.path("label").asText(), "named as Sweden names it");
        for (String bad : new String[] { "SE99", "nowhere" })
            assertEquals(400, kb.get("/api/search?type=project&region=" + bad).statusCode(), bad);
    }

    /** A search by filters alone. */
    static JsonNode browse(String... params) {
        HttpResponse<String> r = kb.get("/api/search?" + String.join("&", params));
        assertEquals(200, r.statusCode(), r.body());
        return RunningKnowledgeBase.json(r.body());
    }

    static long countOf(JsonNode result, String facet, String value) {
        for (JsonNode v : result.path("facets").path(facet))
            if (v.path("value").asText().equals(value)) return v.path("count").asLong();
        return 0;
    }

    @Test
    void statusIsWorkedOutOnTheDayOfTheSearch() {
        String hackItNet = LocalDate.now().isAfter(LocalDate.of(2027, 6, 30)) ? "closed" : "ongoing";
        assertTrue(slugs(search("HACK-IT-NET", "status=" + hackItNet)).contains("hack-it-net"));
        assertTrue(slugs(search("S3-4AlpClusters", "status=closed")).contains("s3-4alpclusters"));
        assertTrue(!slugs(search("S3-4AlpClusters", "status=ongoing")).contains("s3-4alpclusters"));
    }

    @Test
    void facetsFilterByThemeProgrammeFundStakeholderLanguageTypeAndYears() {
        assertEquals(List.of("improve"), slugs(search("digital", "theme=living-labs")));
        assertTrue(slugs(search("innovation", "programme=interreg-alpine-space")).containsAll(List.of("hack-it-net", "s3-4alpclusters")));
        assertTrue(slugs(search("innovation", "fund=erdf")).containsAll(List.of("hack-it-net", "s3-4alpclusters")));
        assertTrue(slugs(search("pazienti", "stakeholder=general-practitioners")).contains("s3-4alpclusters-adw-milano-2018"));
        List<String> swedish = slugs(search("innovation", "language=sv"));
        assertTrue(!swedish.isEmpty() && swedish.stream().allMatch(s -> s.contains("improve") || s.equals("ernact")), swedish.toString());
        List<String> events = slugs(search("innovation", "type=event"));
        assertTrue(!events.isEmpty() && events.stream().allMatch(s -> s.contains("2018") || s.contains("2016")), events.toString());
        assertEquals(List.of("s3-4alpclusters"), slugs(search("S3-4AlpClusters", "type=project", "from=2016", "to=2016")));
    }

    @Test
    void sortingByNewestPutsTheLatestStartFirst() {
        List<String> newest = slugs(search("innovation", "sort=newest", "type=project"));
        assertEquals("hack-it-net", newest.get(0));
    }

    @Test
    void titlesComeInTheReadersLanguageWithAFallback() {
        JsonNode hit = search("HACK-IT-NET", "lang=de").path("results").get(0);
        assertEquals("de", hit.path("titleLanguage").asText());
        assertTrue(hit.path("title").asText().contains("Alpenraum"));
        JsonNode byHeader = RunningKnowledgeBase.json(kb.get("/api/search?q=improve", "Accept-Language", "sv-SE,sv;q=0.9,en;q=0.5").body());
        assertEquals("sv", byHeader.path("results").get(0).path("titleLanguage").asText());
    }

    @Test
    void theRecordOfAHitCarriesTheFactsAPolicyMakerScans() {
        JsonNode hit = search("HACK-IT-NET").path("results").get(0);
        assertEquals("project", hit.path("type").asText());
        assertEquals("2024-06", hit.path("startDate").asText());
        assertEquals(2512137.88, hit.path("totalBudget").asDouble(), 0.001);
        assertEquals("Interreg Alpine Space", hit.path("programmes").get(0).path("label").asText());
        assertEquals("en", hit.path("language").get(0).asText());
    }

    @Test
    void suggestionsCompleteTitlesAcronymsAndConceptLabels() {
        JsonNode s = RunningKnowledgeBase.json(kb.get("/api/suggest?q=hack&lang=it").body());
        assertEquals("hack-it-net", s.path("suggestions").get(0).path("slug").asText());
        JsonNode c = RunningKnowledgeBase.json(kb.get("/api/suggest?q=telemed&lang=de").body());
        assertTrue(c.toString().contains("https://w3id.org/hikb/concept/theme/telemedicine"), c.toString());
        assertTrue(c.toString().contains("Telemedizin"), c.toString());
    }

    @Test
    void browsingWithoutWordsNeedsAFilter() {
        JsonNode projects = RunningKnowledgeBase.json(kb.get("/api/search?type=project&size=50").body());
        assertTrue(projects.path("total").asLong() >= 6);
        assertEquals(400, kb.get("/api/search").statusCode());
    }
}
