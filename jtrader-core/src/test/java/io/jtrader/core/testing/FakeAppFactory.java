package io.jtrader.core.testing;

import io.jtrader.core.app.App;
import io.jtrader.core.app.AppFactory;
import io.jtrader.core.engine.MainEngine;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/** Makes apps that note their close in a shared log; {@code FakeApp} by default, registered for ServiceLoader. */
public final class FakeAppFactory implements AppFactory {
    public final String appName;
    public final List<String> closeLog;
    public final AtomicInteger closes = new AtomicInteger();

    public FakeAppFactory() {
        this("FakeApp", new CopyOnWriteArrayList<>());
    }

    public FakeAppFactory(String appName, List<String> closeLog) {
        this.appName = appName;
        this.closeLog = closeLog;
    }

    @Override
    public String appName() {
        return appName;
    }

    @Override
    public String displayName() {
        return "测试应用 " + appName;
    }

    @Override
    public App create(MainEngine mainEngine) {
        return new App() {
            @Override
            public String appName() {
                return appName;
            }

            @Override
            public void close() {
                closes.incrementAndGet();
                closeLog.add("app " + appName);
            }
        };
    }
}
