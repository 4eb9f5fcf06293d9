package io.jtrader.rpc;

import io.jtrader.rpc.pickle.PyTuple;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RpcCallTest {
    private static final RpcCaller CALLER = new RpcCaller(new byte[]{0, 1, 2});

    private static RpcCall call(Object... args) {
        return new RpcCall("f", PyTuple.of(args), Map.of("k", 1L), CALLER);
    }

    @Test
    void shouldWordArgumentCountErrorsLikePython() {
        assertThatThrownBy(() -> call(1L).expectArgs(2, 2)).hasMessage("f() missing 1 required positional argument");
        assertThatThrownBy(() -> call().expectArgs(2, 2)).hasMessage("f() missing 2 required positional arguments");
        assertThatThrownBy(() -> call(1L, 2L).expectArgs(1, 1)).hasMessage("f() takes 1 positional argument but 2 were given");
        assertThatThrownBy(() -> call(1L, 2L, 3L).expectArgs(0, 2)).hasMessage("f() takes from 0 to 2 positional arguments but 3 were given");
        assertThatThrownBy(() -> call().expectKwargs(Set.of())).hasMessage("f() got an unexpected keyword argument 'k'")
                .isInstanceOfSatisfying(RpcCallException.class, e -> assertThat(e.pythonType()).isEqualTo("TypeError"));
    }

    @Test
    void shouldConvertIntsToFloatsAndNameTypesLikePython() {
        assertThat(call(3L).arg(0, Double.class)).isEqualTo(3.0);
        assertThat(call((Object) null).arg(0, String.class)).isNull();
        assertThat(call().kwarg("k", Long.class, 0L)).isEqualTo(1L);
        assertThat(call().kwarg("absent", String.class, "d")).isEqualTo("d");
        assertThatThrownBy(() -> call(1.5).arg(0, String.class)).hasMessage("f() argument 1 must be str, not float");
        assertThatThrownBy(() -> call((Object) null).requiredArg(0, Long.class)).hasMessage("f() argument 1 must be int, not NoneType");
    }

    @Test
    void shouldFormatReprAndTracebackLikePython() {
        assertThat(PythonText.repr("name")).isEqualTo("'name'");
        assertThat(PythonText.repr("it's")).isEqualTo("\"it's\"");
        assertThat(PythonText.repr("a\nb\\")).isEqualTo("'a\\nb\\\\'");
        assertThat(RpcCallException.keyError("x").getMessage()).isEqualTo("'x'");
        String text = PythonText.traceback("f", "KeyError", "'f'");
        assertThat(text).startsWith("Traceback (most recent call last):\n");
        assertThat(RpcRemoteException.lastLine(text)).isEqualTo("KeyError: 'f'");
    }
}
