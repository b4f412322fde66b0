package org.w3id.hikb.write;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;

import org.apache.jena.graph.Node;
import org.apache.jena.rdfpatch.PatchException;
import org.apache.jena.rdfpatch.RDFPatch;
import org.apache.jena.rdfpatch.RDFPatchOps;

/**
 * The RDF Patches of the write path (<a href="https://afs.github.io/rdf-patch/">RDF Patch</a>, Jena's
 * {@code jena-rdfpatch}): each names its change as {@code id} and the change before it as {@code prev}, so a
 * log of them says which store state each one applies to; in the text form on the wire.
 */
public final class Patches {
    private Patches() {}

    /** The patch with the headers of generation {@code generation}: its change as {@code id}, the one before as {@code prev}. */
    static RDFPatch stamped(RDFPatch patch, long generation) {
        return RDFPatchOps.withHeader(RDFPatchOps.makeHeader(ChangeLog.changeNode(generation),
                generation > 1 ? ChangeLog.changeNode(generation - 1) : null), patch);
    }

    /** The generation a patch of the write path makes (from its {@code id}); refused if it has none. */
    public static long generation(RDFPatch patch) {
        Node id = patch.getId();
        String prefix = ChangeLog.changeNode(0).getURI();
        prefix = prefix.substring(0, prefix.length() - 1);
        if (id == null || !id.isURI() || !id.getURI().startsWith(prefix))
            throw new PatchException("Not a patch of a write path: its id is " + id + ", not " + prefix + "<generation>");
        try {
            return Long.parseLong(id.getURI().substring(prefix.length()));
        } catch (NumberFormatException e) {
            throw new PatchException("Not a patch of a write path: its id is " + id);
        }
    }

    /** The patch in the RDF Patch text form (UTF-8). */
    public static byte[] bytes(RDFPatch patch) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        RDFPatchOps.write(out, patch);
        return out.toByteArray();
    }

    /** A patch read from the RDF Patch text form, in memory so it can be applied more than once. */
    public static RDFPatch read(byte[] text) {
        return RDFPatchOps.collect(RDFPatchOps.read(new ByteArrayInputStream(text)));
    }
}
