package io.jtrader.rpc.pickle;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** Hand-assembles pickle frames for tests. */
final class PickleBytes {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    static PickleBytes proto(int version) {
        return new PickleBytes().op(0x80).raw(version);
    }

    PickleBytes op(int opcode) {
        out.write(opcode);
        return this;
    }

    PickleBytes raw(int... bytes) {
        for (int b : bytes) {
            out.write(b);
        }
        return this;
    }

    PickleBytes str(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        op(Opcodes.SHORT_BINUNICODE).raw(b.length);
        out.writeBytes(b);
        return this;
    }

    PickleBytes global(String module, String name) {
        op(Opcodes.GLOBAL);
        out.writeBytes((module + "\n" + name + "\n").getBytes(StandardCharsets.UTF_8));
        return this;
    }

    PickleBytes stackGlobal(String module, String name) {
        return str(module).str(name).op(Opcodes.STACK_GLOBAL);
    }

    PickleBytes int1(int v) {
        return op(Opcodes.BININT1).raw(v);
    }

    PickleBytes stop() {
        return op(Opcodes.STOP);
    }

    byte[] bytes() {
        return out.toByteArray();
    }
}
