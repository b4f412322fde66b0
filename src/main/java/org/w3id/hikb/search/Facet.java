package org.w3id.hikb.search;

import java.util.Optional;

/**
 * What search results can be filtered and counted by. Each facet is a request parameter of
 * {@code /api/search} ({@code ?country=ITA&theme=telemedicine}); several values of one facet are alternatives,
 * different facets must all hold. Status is worked out from the dates on the day of the search.
 */
public enum Facet {
    TYPE("type"),
    COUNTRY("country"),
    /** The NUTS level-2 region ({@code SE33}): of a region the record names by its NUTS code, or of its place's. */
    REGION("region"),
    PROGRAMME("programme"),
    FUND("fund"),
    THEME("theme"),
    STAKEHOLDER("stakeholder"),
    LANGUAGE("language"),
    YEAR("year"),
    STATUS("status"),
    /**
     * {@code health} for a record about health or care (a curated record from a seed document, one with a
     * curated theme, or one the classifier tagged "health and care"), {@code other} for the rest of an import of
     * the whole cross-sector set (and the programmes and organisations imported records link to).
     */
    SCOPE("scope");

    private final String dimension;

    Facet(String dimension) {
        this.dimension = dimension;
    }

    /** The name of the facet in the index and in the API. */
    public String dimension() { return dimension; }

    /** Whether the index counts it from doc values (all but status, which depends on today's date). */
    boolean indexed() { return this != STATUS; }

    public static Optional<Facet> of(String name) {
        for (Facet f : values())
            if (f.dimension.equals(name)) return Optional.of(f);
        return Optional.empty();
    }
}
