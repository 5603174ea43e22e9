package org.guidelinekb.api;

import java.io.ByteArrayOutputStream;

import org.guidelinekb.auth.WriteTokens;
import org.guidelinekb.backup.Backup;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;

/**
 * {@code GET /api/admin/backup}: the whole store of a running server as gzipped N-Quads, from one consistent
 * snapshot. It holds feedback and provenance, so it needs a write token like every admin function.
 */
public final class BackupController {
    private final Backup backup;
    private final WriteTokens tokens;

    public BackupController(Backup backup, WriteTokens tokens) {
        this.backup = backup;
        this.tokens = tokens;
    }

    public void routes(RoutesConfig r) {
        r.get("/api/admin/backup", this::backup);
    }

    private void backup(Context ctx) {
        tokens.authenticate(ctx.header("Authorization"));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        backup.write(out);
        ctx.header("Content-Disposition", "attachment; filename=\"gkb-backup.nq.gz\"")
           .contentType("application/n-quads+gzip").result(out.toByteArray());
    }
}
