package org.w3id.hikb.http;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.javalin.config.RoutesConfig;
import org.apache.jena.query.Query;
import org.apache.jena.sparql.exec.QueryExec;
import org.apache.jena.sparql.exec.RowSet;
import org.w3id.hikb.store.KnowledgeStore;

/** {@code GET /}: a short page that says what the knowledge base holds and where to find it. */
public final class HomePage implements WebServer.Routes {
    private static final Query RECORDS = Queries.load(HomePage.class, "home-records.rq");
    private final KnowledgeStore store;

    public HomePage(KnowledgeStore store) {
        this.store = store;
    }

    @Override
    public void addTo(RoutesConfig routes) {
        routes.get("/", ctx -> ctx.html(render(ctx.scheme() + "://" + ctx.host())));
    }

    private String render(String origin) {
        List<String> rows = new ArrayList<>();
        store.read(dsg -> {
            try (QueryExec qe = QueryExec.dataset(store.dataset()).query(RECORDS).build()) {
                RowSet rs = qe.select();
                rs.forEachRemaining(b -> rows.add(Html.render("<tr><td>{{type}}</td><td>{{title}}</td><td><code>{{uri}}</code></td></tr>", Map.of(
                        "type", b.get("type").getLiteralLexicalForm(),
                        "title", b.get("title").getLiteralLexicalForm(),
                        "uri", b.get("record").getURI()))));
            }
            return null;
        });
        return Html.render(Html.template("home.html"), Map.of(
                "count", Integer.toString(rows.size()),
                "rows", String.join("\n", rows),
                "origin", origin));
    }
}
