package io.jtrader.rpc.pickle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jtrader.rpc.RpcDecodeException;
import io.jtrader.rpc.testkit.GoldenVectors;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The decoder never executes anything and turns every malformed frame into one RpcDecodeException. */
class PickleDecodeSafetyTest {
    private final PickleCodec codec = PickleCodec.generic();

    private void refused(byte[] frame, String... messageParts) {
        var assertion = assertThatThrownBy(() -> codec.decode(frame)).isInstanceOf(RpcDecodeException.class);
        for (String part : messageParts) {
            assertion.hasMessageContaining(part);
        }
    }

    @Test
    void shouldRefuseTheClassicOsSystemReducePayload() {
        // what pickle.dumps of a class whose __reduce__ returns (os.system, ('echo pwned',)) gives, protocol 2
        byte[] frame = PickleBytes.proto(2).global("posix", "system").str("echo pwned").op(Opcodes.TUPLE1)
                .op(Opcodes.REDUCE).stop().bytes();
        refused(frame, "refusing to call posix.system", "allow-list");
        refused(PickleBytes.proto(4).stackGlobal("os", "system").str("id").op(Opcodes.TUPLE1).op(Opcodes.REDUCE).stop().bytes(),
                "refusing to call os.system");
    }

    @Test
    void shouldRefuseEvalSubprocessAndGetattrTricks() {
        refused(PickleBytes.proto(2).global("__builtin__", "eval").str("1+1").op(Opcodes.TUPLE1).op(Opcodes.REDUCE).stop().bytes(),
                "builtins.eval");
        refused(PickleBytes.proto(4).stackGlobal("subprocess", "Popen").str("ls").op(Opcodes.TUPLE1).op(Opcodes.REDUCE).stop().bytes(),
                "subprocess.Popen");
        refused(PickleBytes.proto(4).stackGlobal("builtins", "getattr").stackGlobal("os", "system").str("__call__")
                .op(Opcodes.TUPLE2).op(Opcodes.REDUCE).stop().bytes(), "getattr(os.system");
        refused(PickleBytes.proto(4).stackGlobal("builtins", "getattr").stackGlobal("zoneinfo", "ZoneInfo").str("clear_cache")
                .op(Opcodes.TUPLE2).op(Opcodes.REDUCE).stop().bytes(), "zoneinfo.ZoneInfo");
        refused(PickleBytes.proto(4).stackGlobal("_codecs", "encode").str("x").str("rot13")
                .op(Opcodes.TUPLE2).op(Opcodes.REDUCE).stop().bytes(), "_codecs.encode");
        // an object made by NEWOBJ with arguments would call cls.__new__(cls, *args)
        refused(PickleBytes.proto(4).stackGlobal("os", "Foo").str("x").op(Opcodes.TUPLE1).op(Opcodes.NEWOBJ).stop().bytes(),
                "constructor arguments");
    }

    @Test
    void shouldDecodeAnUnknownClassWithPlainStateAsPyObjectAndAVnpyEnumAsPyEnum() {
        byte[] frame = PickleBytes.proto(4).stackGlobal("vnpy_ctastrategy.base", "StopOrder").op(Opcodes.EMPTY_TUPLE)
                .op(Opcodes.NEWOBJ).op(Opcodes.EMPTY_DICT).op(Opcodes.MARK)
                .str("status").stackGlobal("vnpy_ctastrategy.base", "StopOrderStatus").str("等待中").op(Opcodes.TUPLE1).op(Opcodes.REDUCE)
                .op(Opcodes.SETITEMS).op(Opcodes.BUILD).stop().bytes();
        PyObject o = (PyObject) codec.decode(frame);
        assertThat(o.qualifiedName()).isEqualTo("vnpy_ctastrategy.base.StopOrder");
        assertThat(o.state()).containsEntry("status", new PyEnum("vnpy_ctastrategy.base", "StopOrderStatus", "等待中", false));
    }

    @Test
    void shouldRefuseEachKindOfMalformedFrame() {
        refused(new byte[0], "without a STOP");
        refused(PickleBytes.proto(4).str("abc").bytes(), "without a STOP");
        refused(PickleBytes.proto(4).int1(1).stop().raw('x').bytes(), "trailing garbage");
        refused(PickleBytes.proto(4).stop().bytes(), "empty stack");
        refused(PickleBytes.proto(4).int1(1).int1(2).stop().bytes(), "2 values");
        refused(PickleBytes.proto(6).int1(1).stop().bytes(), "protocol 6");
        refused(PickleBytes.proto(4).op(0xff).stop().bytes(), "unknown opcode");
        refused(PickleBytes.proto(4).op(Opcodes.APPEND).stop().bytes(), "stack underflow");
        refused(PickleBytes.proto(4).op(Opcodes.MARK).op(Opcodes.EMPTY_LIST).op(Opcodes.APPENDS).stop().bytes(), "underflow");
        refused(PickleBytes.proto(4).op(Opcodes.EMPTY_LIST).op(Opcodes.MARK).int1(1).op(Opcodes.APPEND).stop().bytes(), "underflow");
        refused(PickleBytes.proto(4).op(Opcodes.SETITEMS).stop().bytes(), "no MARK");
        refused(PickleBytes.proto(4).op(Opcodes.BINGET).raw(3).stop().bytes(), "memo index 3 was never stored");
        refused(PickleBytes.proto(4).op(Opcodes.LONG_BINGET).raw(0xff, 0xff, 0xff, 0x7f).stop().bytes(), "out of range");
        refused(PickleBytes.proto(4).op(Opcodes.LONG_BINPUT).raw(0, 0, 0, 0x10).stop().bytes(), "underflow");
        refused(PickleBytes.proto(4).int1(1).op(Opcodes.LONG_BINPUT).raw(0, 0, 0, 0x10).stop().bytes(), "out of range");
        refused(PickleBytes.proto(4).op(Opcodes.BINUNICODE).raw(0xff, 0xff, 0xff, 0x7f).raw('a').stop().bytes(), "length field");
        refused(PickleBytes.proto(4).op(Opcodes.BINBYTES8).raw(0, 0, 0, 0, 0, 0, 0, 0x40).stop().bytes(), "length field");
        refused(PickleBytes.proto(4).op(Opcodes.BINBYTES8).raw(0, 0, 0, 0, 0, 0, 0, 0x80).stop().bytes(), "2^63");
        refused(PickleBytes.proto(4).op(Opcodes.FRAME).raw(0xff, 0, 0, 0, 0, 0, 0, 0).int1(1).stop().bytes(), "FRAME declares 255");
        refused(PickleBytes.proto(4).op(Opcodes.LONG4).raw(0, 0, 1, 0).stop().bytes(), "limit");
        refused(PickleBytes.proto(4).op(Opcodes.SHORT_BINUNICODE).raw(2, 0xc3, 0x28).stop().bytes(), "not valid UTF-8");
        refused(PickleBytes.proto(4).op(Opcodes.BINFLOAT).raw(0, 0).bytes(), "truncated");
        refused(PickleBytes.proto(2).op(Opcodes.GLOBAL).raw('o', 's').bytes(), "newline");
        refused(PickleBytes.proto(4).op(Opcodes.EMPTY_DICT).int1(1).op(Opcodes.SETITEM).stop().bytes(), "underflow");
        refused(PickleBytes.proto(4).op(Opcodes.EMPTY_DICT).op(Opcodes.MARK).int1(1).op(Opcodes.SETITEMS).stop().bytes(), "odd number");
        refused(PickleBytes.proto(4).int1(1).op(Opcodes.EMPTY_TUPLE).op(Opcodes.BUILD).stop().bytes(), "BUILD on a Long");
        refused(PickleBytes.proto(4).int1(1).op(Opcodes.EMPTY_TUPLE).op(Opcodes.REDUCE).stop().bytes(), "not a callable");
        refused(PickleBytes.proto(4).op(Opcodes.NEXT_BUFFER).stop().bytes(), "out-of-band");
        refused(PickleBytes.proto(4).stackGlobal("datetime", "datetime").op(Opcodes.SHORT_BINBYTES)
                .raw(10, 0x07, 0xe8, 13, 1, 0, 0, 0, 0, 0, 0).op(Opcodes.TUPLE1).op(Opcodes.REDUCE).stop().bytes(), "invalid datetime");
        refused(PickleBytes.proto(4).stackGlobal("zoneinfo", "ZoneInfo").str("Mars/Olympus").op(Opcodes.TUPLE1)
                .op(Opcodes.REDUCE).stop().bytes(), "unknown time zone 'Mars/Olympus'");
    }

    @Test
    void shouldRefuseRecursiveStructures() {
        // L = []; L.append(L)
        refused(PickleBytes.proto(4).op(Opcodes.EMPTY_LIST).op(Opcodes.MEMOIZE).op(Opcodes.BINGET).raw(0)
                .op(Opcodes.APPEND).stop().bytes(), "recursive");
        // L = []; M = [L]; L.append(M)  -- L is sealed once nested in M
        refused(PickleBytes.proto(4).op(Opcodes.EMPTY_LIST).op(Opcodes.MEMOIZE)
                .op(Opcodes.EMPTY_LIST).op(Opcodes.BINGET).raw(0).op(Opcodes.APPEND).op(Opcodes.APPEND).stop().bytes(), "recursive");
        // an object whose state refers to itself
        refused(PickleBytes.proto(4).stackGlobal("m", "C").op(Opcodes.EMPTY_TUPLE).op(Opcodes.NEWOBJ).op(Opcodes.MEMOIZE)
                .op(Opcodes.EMPTY_DICT).str("self").op(Opcodes.BINGET).raw(0).op(Opcodes.SETITEM).op(Opcodes.BUILD).stop().bytes(),
                "recursive");
    }

    @Test
    void shouldRefuseNestingDeeperThanTheLimit() {
        PickleBytes lists = PickleBytes.proto(4);
        for (int i = 0; i < 70; i++) {
            lists.op(Opcodes.EMPTY_LIST);
        }
        for (int i = 0; i < 69; i++) {
            lists.op(Opcodes.APPEND);
        }
        refused(lists.stop().bytes(), "deeper than 64");
        PickleBytes tuples = PickleBytes.proto(4).op(Opcodes.NONE);
        for (int i = 0; i < 100; i++) {
            tuples.op(Opcodes.TUPLE1);
        }
        refused(tuples.stop().bytes(), "deeper than 64");
        PickleBytes shallow = PickleBytes.proto(4).op(Opcodes.NONE);
        for (int i = 0; i < 60; i++) {
            shallow.op(Opcodes.TUPLE1);
        }
        assertThat(codec.decode(shallow.stop().bytes())).isInstanceOf(PyTuple.class);
    }

    @Test
    void shouldRefuseAFrameOverTheSizeLimitBeforeDecoding() {
        PickleCodec small = new PickleCodec(PickleCodecConfig.defaults().withMaxFrameBytes(512), PickleTypeRegistry.generic());
        byte[] tick = GoldenVectors.bytes("pub_tick.pkl");
        assertThatThrownBy(() -> small.decode(tick)).isInstanceOf(RpcDecodeException.class)
                .hasMessageContaining("979 bytes exceeds the limit of 512");
    }

    @Test
    void shouldRefuseCollectionsAndMemosOverTheirLimits() {
        PickleCodec small = new PickleCodec(PickleCodecConfig.defaults().withMaxCollectionSize(16).withMaxMemoEntries(16),
                PickleTypeRegistry.generic());
        PickleBytes list = PickleBytes.proto(4).op(Opcodes.EMPTY_LIST).op(Opcodes.MARK);
        for (int i = 0; i < 17; i++) {
            list.int1(i);
        }
        assertThatThrownBy(() -> small.decode(list.op(Opcodes.APPENDS).stop().bytes()))
                .isInstanceOf(RpcDecodeException.class).hasMessageContaining("more than 16 items");
        PickleBytes memo = PickleBytes.proto(4).op(Opcodes.MARK);
        for (int i = 0; i < 17; i++) {
            memo.int1(i).op(Opcodes.MEMOIZE);
        }
        assertThatThrownBy(() -> small.decode(memo.op(Opcodes.TUPLE).stop().bytes()))
                .isInstanceOf(RpcDecodeException.class).hasMessageContaining("memo");
    }

    @Test
    void shouldDecodeAValidFrameAfterABadOneOnTheSameThread() {
        byte[] tick = GoldenVectors.bytes("pub_tick.pkl");
        Object expected = codec.decode(tick);
        refused(Arrays.copyOf(tick, 500), "FRAME declares 968 bytes");
        refused(Arrays.copyOfRange(tick, 11, 500), "truncated");
        assertThat(codec.decode(tick)).isEqualTo(expected);
    }

    @Test
    void shouldReadTheProtocol2HelperFormsOfPlainData() {
        byte[] set = PickleBytes.proto(2).global("__builtin__", "set").op(Opcodes.EMPTY_LIST).int1(1).op(Opcodes.APPEND)
                .op(Opcodes.TUPLE1).op(Opcodes.REDUCE).stop().bytes();
        assertThat(codec.decode(set)).isEqualTo(java.util.Set.of(1L));
        byte[] bytes = PickleBytes.proto(2).global("_codecs", "encode").str("\u00ff\u0001").str("latin1").op(Opcodes.TUPLE2)
                .op(Opcodes.REDUCE).stop().bytes();
        assertThat((byte[]) codec.decode(bytes)).containsExactly((byte) 0xff, (byte) 1);
        byte[] dt = PickleBytes.proto(2).global("datetime", "datetime").op(Opcodes.MARK).op(Opcodes.BININT2).raw(0xe8, 0x07)
                .int1(11).int1(20).int1(9).int1(0).int1(0).int1(0).global("zoneinfo", "ZoneInfo").str("Asia/Shanghai")
                .op(Opcodes.TUPLE1).op(Opcodes.REDUCE).op(Opcodes.TUPLE).op(Opcodes.REDUCE).stop().bytes();
        assertThat(codec.decode(dt).toString()).isEqualTo("2024-11-20T09:00+08:00[Asia/Shanghai]");
        byte[] pytzFrame = PickleBytes.proto(2).global("datetime", "datetime").op(Opcodes.SHORT_BINBYTES)
                .raw(10, 0x07, 0xe8, 11, 20, 9, 30, 2, 0, 0, 0).global("pytz", "_p").op(Opcodes.MARK).str("Asia/Shanghai")
                .op(Opcodes.BININT).raw(0x80, 0x70, 0, 0).int1(0).str("CST").op(Opcodes.TUPLE).op(Opcodes.REDUCE)
                .op(Opcodes.TUPLE2).op(Opcodes.REDUCE).stop().bytes();
        assertThat(codec.decode(pytzFrame).toString()).isEqualTo("2024-11-20T09:30:02+08:00[Asia/Shanghai]");
        assertThat(codec.decode(PickleBytes.proto(4).op(Opcodes.EMPTY_LIST).op(Opcodes.MARK).int1(1).str("a")
                .op(Opcodes.APPENDS).stop().bytes())).isEqualTo(List.of(1L, "a"));
    }
}
