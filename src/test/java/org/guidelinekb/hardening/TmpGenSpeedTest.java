package org.guidelinekb.hardening;

import net.jqwik.api.*;
import net.jqwik.api.lifecycle.*;

class TmpGenSpeedTest {
    static long t0;
    static long sendNanos;
    @BeforeContainer static void s() throws Exception { TestEvaluateInputs.start(); t0 = System.nanoTime(); }
    @AfterContainer static void e() { System.out.println("TOTAL ms " + (System.nanoTime() - t0) / 1_000_000 + " send ms " + sendNanos / 1_000_000); TestEvaluateInputs.stop(); }
    @Property(tries = 3000) void gen(@ForAll("r") HardeningLib.Request r) { }
    @Property(tries = 3000) void send(@ForAll("r") HardeningLib.Request r) { long t = System.nanoTime(); HardeningLib.send(r); sendNanos += System.nanoTime() - t; }
    @Provide Arbitrary<HardeningLib.Request> r() { return new TestEvaluateInputs().requests(); }
}
