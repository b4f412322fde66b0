package org.w3id.hikb.write;

import org.apache.jena.rdfpatch.RDFPatch;

/**
 * Keeps each commit's RDF Patch durably <em>before</em> the commit is: told inside the write's transaction, so
 * that a commit whose patch could not be kept does not happen (the write fails, nothing is applied). The
 * replication log's outbox is one: what a crash between the commit and its publication leaves is published at
 * the next start.
 */
public interface PatchKeeper {
    /** Keeps {@code patch}, the change that makes {@code generation}; throws if it cannot (the write is then aborted). */
    void keep(long generation, RDFPatch patch);
}
