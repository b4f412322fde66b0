package org.w3id.hikb.write;

/**
 * Told about every commit, in generation order, after the store has committed and before the writer
 * returns. The search index is one: it must bring itself to the commit's generation.
 */
public interface CommitListener {
    void committed(Commit commit);
}
