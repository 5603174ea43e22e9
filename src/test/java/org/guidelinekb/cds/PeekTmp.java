package org.guidelinekb.cds;
import org.guidelinekb.testing.TestServer;
import org.junit.jupiter.api.Test;
class PeekTmp {
    @Test void peek() throws Exception {
        try (TestServer s = TestServer.start()) {
            for (String n : new String[] {"order-default-versions-not-resectable", "2015-missing-data", "2015-conditions-operation-outcome"}) {
                var r = s.http().post("/cds-services/" + (n.startsWith("order") ? CdsLib.ORDER_SELECT : CdsLib.PATIENT_VIEW), "application/json",
                        CdsLib.read(CdsLib.DIR.resolve("scenarios/" + n + "/request.json")));
                java.nio.file.Files.writeString(java.nio.file.Path.of("/tmp/cdsgen/" + n + ".out.json"), r.body());
            }
            java.nio.file.Files.writeString(java.nio.file.Path.of("/tmp/cdsgen/discovery.json"), s.http().get("/cds-services").body());
        }
    }
}
