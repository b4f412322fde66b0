package org.w3id.hikb.write;

import org.apache.jena.rdfpatch.RDFPatch;

/**
 * Told about every commit with its RDF Patch: every quad the write's transaction added and deleted, the change
 * log's and the history's included, with the headers {@code id} (the change, {@code .../change/<generation>})
 * and {@code prev} (the change before it). Applied in order to a copy of the store at the previous generation,
 * the patches make it the same store. Told in the writer's thread, after the commit, in generation order.
 */
public interface PatchListener {
    void committed(Commit commit, RDFPatch patch);
}
