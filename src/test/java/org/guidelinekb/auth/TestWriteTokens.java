package org.guidelinekb.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.guidelinekb.error.AuthException;
import org.guidelinekb.error.InvalidInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TestWriteTokens {
    @TempDir Path dir;

    @Test void env_token_and_token_file_each_name_their_writer() throws IOException {
        Path file = dir.resolve("tokens");
        Files.writeString(file, "# writers\n\nalice  alice-secret-1\nbob\tbob-secret-2\n");
        WriteTokens t = WriteTokens.from("admin-secret", file);
        assertEquals(3, t.size());
        assertEquals("admin", t.authenticate("Bearer admin-secret"));
        assertEquals("alice", t.authenticate("Bearer alice-secret-1"));
        assertEquals("bob", t.authenticate("bearer   bob-secret-2 "));
        assertFalse(t.toString().contains("secret"), "the tokens are not kept in clear: " + t);
    }

    @Test void missing_token_is_401_wrong_token_is_403() {
        WriteTokens t = WriteTokens.from("right", null);
        for (String h : new String[] {null, "", "Basic dXNlcjpwdw==", "Bearer", "Bearer   "}) {
            AuthException e = assertThrows(AuthException.class, () -> t.authenticate(h), String.valueOf(h));
            assertTrue(e.missing(), String.valueOf(h));
        }
        AuthException wrong = assertThrows(AuthException.class, () -> t.authenticate("Bearer wrong"));
        assertFalse(wrong.missing());
        assertFalse(wrong.getMessage().contains("wrong"), "a presented token is never repeated: " + wrong.getMessage());
        assertThrows(AuthException.class, () -> t.authenticate("Bearer righ"));
        assertThrows(AuthException.class, () -> t.authenticate("Bearer right2"));
    }

    @Test void without_any_token_every_write_is_refused_and_the_message_says_how_to_configure_one() {
        WriteTokens none = WriteTokens.from("  ", null);
        assertFalse(none.configured());
        AuthException missing = assertThrows(AuthException.class, () -> none.authenticate(null));
        assertTrue(missing.missing());
        assertTrue(missing.getMessage().contains("GKB_ADMIN_TOKEN"), missing.getMessage());
        AuthException any = assertThrows(AuthException.class, () -> none.authenticate("Bearer anything"));
        assertFalse(any.missing());
        assertTrue(any.getMessage().contains("--token-file"), any.getMessage());
    }

    @Test void a_bad_token_file_names_the_line_but_never_the_token() {
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> TokenFile.parse("tokens.txt", List.of("ok s3cret-one", "three parts s3cret-two")));
        assertTrue(e.getMessage().startsWith("tokens.txt:2:"), e.getMessage());
        assertFalse(e.getMessage().contains("s3cret"), e.getMessage());
        assertThrows(InvalidInputException.class, () -> TokenFile.parse("t", List.of("a x1", "a x2")), "duplicate label");
        assertThrows(InvalidInputException.class, () -> TokenFile.parse("t", List.of("# only a comment")), "no token");
        assertThrows(InvalidInputException.class, () -> TokenFile.read(dir.resolve("missing")));
    }
}
