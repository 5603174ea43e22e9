package org.guidelinekb.load;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFLanguages;
import org.guidelinekb.error.InvalidInputException;

/** One file of content to validate or load: its name (for messages and provenance), bytes and RDF syntax. */
public record ContentFile(String name, byte[] bytes, Lang lang) {

    /** Reads a file; the syntax comes from its extension (.ttl, .trig, .jsonld, .nt, .nq, .rdf). */
    public static ContentFile read(Path path) {
        Lang lang = RDFLanguages.filenameToLang(path.getFileName().toString());
        if (lang == null) {
            throw new InvalidInputException("cannot tell the RDF syntax of " + path + " from its extension (use .ttl, .trig or .jsonld)");
        }
        try {
            return new ContentFile(path.toString(), Files.readAllBytes(path), lang);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path + ": " + e.getMessage(), e);
        }
    }

    /** Hex SHA-256 of the bytes, recorded in provenance. */
    public String sha256() {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
