package io.jtrader.rpcservice.client;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The server-key setting takes a Z85 key or a certificate file; Z85 keys may contain '/'. */
class ServerKeySettingTest {

    @Test
    void shouldTakeA40CharacterZ85TextWithSlashesAsTheKeyItself() {
        assertThat(RpcGateway.looksLikeZ85Key("l/uVyPNnn$H<bZ}{nE5{sJ4^a@<?UhYAPp3Y1#=R")).isTrue();
        assertThat(RpcGateway.looksLikeZ85Key("rq:rM>}U?@Lns47E1%kR.o@n%FcmmsL/@{H8]yf7")).isTrue();
    }

    @Test
    void shouldTakeAnythingElseAsACertificateFile(@TempDir Path dir) throws Exception {
        assertThat(RpcGateway.looksLikeZ85Key("keys/server.key")).isFalse();
        assertThat(RpcGateway.looksLikeZ85Key("rq:rM>}U?@Lns47E1%kR.o@n%FcmmsL/@{H8]yf")).isFalse();   // 39 characters
        assertThat(RpcGateway.looksLikeZ85Key("with space 0123456789012345678901234567")).isFalse();
        Path file = Files.writeString(dir.resolve("server.key"), "curve");
        assertThat(RpcGateway.looksLikeZ85Key(file.toString())).isFalse();
    }
}
