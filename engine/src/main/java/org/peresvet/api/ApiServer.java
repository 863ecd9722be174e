package org.peresvet.api;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Objects;
import org.eclipse.jetty.http.UriCompliance;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.peresvet.api.internal.AlarmEndpoint;
import org.peresvet.api.internal.ApiMetrics;
import org.peresvet.api.internal.CurrentValues;
import org.peresvet.api.internal.DataEndpoint;
import org.peresvet.api.internal.DefinitionEndpoint;
import org.peresvet.api.internal.Dispatcher;
import org.peresvet.api.internal.HeaderTimeout;
import org.peresvet.api.internal.JettyTransport;
import org.peresvet.api.internal.ModelEndpoint;
import org.peresvet.api.internal.QueryPool;
import org.peresvet.api.internal.Router;
import org.peresvet.api.internal.ScreenEndpoint;
import org.peresvet.api.internal.SymbolEndpoint;
import org.peresvet.api.internal.ConnectorEndpoint;
import org.peresvet.api.internal.SecurityEndpoint;
import org.peresvet.api.internal.StatusEndpoint;
import org.peresvet.api.internal.StreamEndpoint;
import org.peresvet.engine.Engine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engine's HTTP API: data (the Python platform's data contract), the model, live values,
 * health and metrics. A Jetty server (core Handler API, no servlets): NIO reading, so a slow or
 * half-sent request holds no thread; limits on headers, idle connections and bodies; every error,
 * Jetty's own included, in the API's JSON shape. History queries run in a few slots with a short queue; live
 * streams have a thread each, so neither holds the threads {@code /v1/health} needs. See
 * {@code docs/api.md} and {@code /v1/openapi.json}.
 */
public final class ApiServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ApiServer.class);
    /** Largest request line plus headers; more is answered 431 (this also bounds the header count). */
    static final int MAX_HEADER_BYTES = 8 * 1024;
    /** A connection with no bytes moving for this long is closed (a live stream sends a ping every 15 s). */
    static final long IDLE_TIMEOUT_MILLIS = 30_000;
    /** Bytes read from a connection at once. */
    static final int INPUT_BUFFER_BYTES = 64 * 1024;
    /** History queries at once; more wait in a short queue, then get 503. */
    private static final int QUERY_SLOTS = Math.max(1, Runtime.getRuntime().availableProcessors() / 2);
    private static final int QUERY_QUEUE = 16;

    private final Server server;
    private final ServerConnector connector;
    private final StreamEndpoint streams;
    private final DataEndpoint data;
    private final CurrentValues current;
    private final Router router;
    private final ApiConfig config;
    private volatile boolean closed;
    private HeaderTimeout headerTimeout;

    private ApiServer(Server server, ServerConnector connector, StreamEndpoint streams, DataEndpoint data,
                      CurrentValues current, Router router, ApiConfig config) {
        this.server = server;
        this.connector = connector;
        this.streams = streams;
        this.data = data;
        this.current = current;
        this.router = router;
        this.config = config;
    }

    /** Starts the API with the token check of {@code config} and no reference finders. */
    public static ApiServer start(Engine engine, ApiConfig config) {
        return start(engine, config, ApiHooks.defaults());
    }

    /**
     * Starts listening.
     *
     * @throws IllegalArgumentException when the config is unsafe or wrong: bound beyond loopback
     *                                  without a token (and without a custom authorizer), or an
     *                                  unknown bind address
     * @throws UncheckedIOException     when the address cannot be bound (e.g. the port is in use)
     */
    public static ApiServer start(Engine engine, ApiConfig config, ApiHooks hooks) {
        Objects.requireNonNull(engine, "engine");
        Objects.requireNonNull(config, "config");
        hooks = hooks == null ? ApiHooks.defaults() : hooks;
        boolean loopback = config.isLoopback();
        if (hooks.authorizer() == null && !loopback && config.token() == null && !engine.security().hasUsers()) {
            throw new IllegalArgumentException("the API would listen on " + config.bindAddress()
                    + ", reachable from other machines, without a token; set an API token or bind to 127.0.0.1");
        }
        // Users of the project (when it has any) authenticate here; without users today's rule holds.
        ApiAuthorizer authorizer = hooks.authorizer() != null ? hooks.authorizer()
                : new UserAuthorizer(engine.security(), config.token(), ApiAuthorizer.token(config.token()));
        RequestGate gate = hooks.gate() != null ? hooks.gate().apply(config) : new RequestGate(config, authorizer);
        ApiMetrics metrics = new ApiMetrics();
        CurrentValues current = new CurrentValues(engine);
        engine.values().onAccepted(current);
        StreamEndpoint streams = new StreamEndpoint(engine, metrics, config.maxStreams(), config.streamStallTimeout());
        QueryPool queries = new QueryPool(QUERY_SLOTS, QUERY_QUEUE);
        DataEndpoint data = new DataEndpoint(engine, current, metrics, queries, config.maxPointsPerAnswer(),
                config.requestTimeout());
        // screens always count as references: a delete names the screens that use the item
        ModelEndpoint model = new ModelEndpoint(engine, ReferenceFinder.of(List.of(hooks.references(), new ScreenReferenceFinder())), current);
        StatusEndpoint status = new StatusEndpoint(engine, metrics, streams);
        Router router = routes(data, model, new AlarmEndpoint(engine), streams, status);
        ConnectorEndpoint connectors = new ConnectorEndpoint(engine);
        router.add("GET", "/v1/connectors/", ApiAccess.READ, connectors::list);
        router.add("GET", "/v1/connectors/{id}/log", ApiAccess.READ, connectors::log);
        router.add("POST", "/v1/tags/{id}/write", ApiAccess.WRITE_DATA, connectors::write);
        ScreenEndpoint screens = new ScreenEndpoint(engine);
        router.add("GET", "/v1/screens/", ApiAccess.READ, screens::list);
        router.add("GET", "/v1/screens/{id}", ApiAccess.READ, screens::get);
        SymbolEndpoint symbols = new SymbolEndpoint(engine);
        router.add("GET", "/v1/symbols/", ApiAccess.READ, symbols::list);
        router.add("GET", "/v1/symbols/{id}", ApiAccess.READ, symbols::get);
        addDefinitions(router, new DefinitionEndpoint(engine));
        SecurityEndpoint security = new SecurityEndpoint(engine);
        router.add("POST", "/v1/login", ApiAccess.READ, security::login);
        router.add("POST", "/v1/logout", ApiAccess.READ, security::logout);
        router.add("GET", "/v1/me", ApiAccess.READ, security::me);
        router.add("POST", "/v1/tokens", ApiAccess.READ, security::createToken);
        router.add("GET", "/v1/audit/", ApiAccess.READ, security::list);
        router.add("GET", "/v1/security/reasons", ApiAccess.READ, security::reasons);
        router.add("PUT", "/v1/security/reasons", ApiAccess.EDIT_MODEL, security::setReasons);

        QueuedThreadPool threads = new QueuedThreadPool(Math.max(32, config.threads() + 24), 4);
        threads.setName("peresvet-api");
        threads.setDaemon(true);
        Server server = new Server(threads);
        HttpConfiguration http = new HttpConfiguration();
        http.setRequestHeaderSize(MAX_HEADER_BYTES);
        http.setSendServerVersion(false);
        http.setSendXPoweredBy(false);
        // A tag's path is one segment with its slashes encoded (/v1/tags/%2FStation%2FTank%2FLevel), and
        // an empty id (/v1/tags//write) must reach the endpoint for its 404: the router splits the raw
        // path and decodes each segment strictly itself, and serves no files, so neither is ambiguous here.
        http.setUriCompliance(UriCompliance.DEFAULT.with("peresvet", UriCompliance.Violation.AMBIGUOUS_PATH_SEPARATOR,
                UriCompliance.Violation.AMBIGUOUS_EMPTY_SEGMENT));
        HttpConnectionFactory http1 = new HttpConnectionFactory(http);
        // Reads of 64 KiB, not 8: a 300 KB batch of samples then arrives in a few reads, not forty.
        http1.setInputBufferSize(INPUT_BUFFER_BYTES);
        ServerConnector connector = new ServerConnector(server, 1, 1, http1);
        connector.setHost(config.bindAddress());
        connector.setPort(config.port());
        connector.setIdleTimeout(IDLE_TIMEOUT_MILLIS);
        connector.setAcceptQueueSize(256);
        server.addConnector(connector);
        server.setErrorHandler(new JettyTransport.JsonErrors());
        server.setHandler(new JettyTransport(new Dispatcher(router, gate, metrics, config.maxBodyBytes()),
                config.maxBodyBytes(), threads, config.maxQueuedRequests()));
        HeaderTimeout headerTimeout = new HeaderTimeout(config.headerTimeout());
        connector.addEventListener(headerTimeout);
        try {
            server.start();
        } catch (Exception e) {
            try {
                server.stop();
            } catch (Exception ignored) {
                // already failing
            }
            streams.close();
            data.close();
            current.close();
            headerTimeout.close();
            throw new UncheckedIOException("cannot listen on " + config.bindAddress() + ":" + config.port() + ": "
                    + e.getMessage(), e instanceof IOException io ? io : new IOException(e));
        }
        gate.bound(connector.getLocalPort());
        ApiServer api = new ApiServer(server, connector, streams, data, current, router, config);
        api.headerTimeout = headerTimeout;
        LOG.info("HTTP API listening on http://{}:{}/ ({}; writes {})", config.bindAddress(), api.port(),
                loopback ? "this machine only" : "reachable from the network",
                hooks.authorizer() != null ? "checked by " + hooks.authorizer().getClass().getSimpleName()
                        : config.token() != null ? "need the token" : "open");
        return api;
    }

    private static Router routes(DataEndpoint data, ModelEndpoint model, AlarmEndpoint alarms, StreamEndpoint streams,
                                 StatusEndpoint status) {
        Router r = new Router();
        r.add("GET", "/v1/data/", ApiAccess.READ, data::get);
        r.add("POST", "/v1/data/", ApiAccess.WRITE_DATA, data::post);

        r.add("GET", "/v1/project", ApiAccess.READ, model::exportProject);
        r.add("GET", "/v1/objects/", ApiAccess.READ, model::listObjects);
        r.add("POST", "/v1/objects/", ApiAccess.EDIT_MODEL, model::createObject);
        r.add("GET", "/v1/objects/{id}", ApiAccess.READ, model::getObject);
        r.add("PUT", "/v1/objects/{id}", ApiAccess.EDIT_MODEL, model::updateObject);
        r.add("PATCH", "/v1/objects/{id}", ApiAccess.EDIT_MODEL, model::updateObject);
        r.add("DELETE", "/v1/objects/{id}", ApiAccess.EDIT_MODEL, model::deleteObject);
        r.add("POST", "/v1/objects/{id}/move", ApiAccess.EDIT_MODEL, model::moveObject);
        r.add("POST", "/v1/objects/{id}/copy", ApiAccess.EDIT_MODEL, model::copyObject);

        r.add("GET", "/v1/tags/", ApiAccess.READ, model::listTags);
        r.add("POST", "/v1/tags/", ApiAccess.EDIT_MODEL, model::createTag);
        r.add("GET", "/v1/tags/{id}", ApiAccess.READ, model::getTag);
        r.add("PUT", "/v1/tags/{id}", ApiAccess.EDIT_MODEL, model::updateTag);
        r.add("PATCH", "/v1/tags/{id}", ApiAccess.EDIT_MODEL, model::updateTag);
        r.add("DELETE", "/v1/tags/{id}", ApiAccess.EDIT_MODEL, model::deleteTag);
        r.add("POST", "/v1/tags/{id}/move", ApiAccess.EDIT_MODEL, model::moveTag);
        r.add("POST", "/v1/tags/{id}/copy", ApiAccess.EDIT_MODEL, model::copyTag);

        r.add("GET", "/v1/alarms/", ApiAccess.READ, alarms::list);
        r.add("GET", "/v1/alarms/history", ApiAccess.READ, alarms::history);
        r.add("GET", "/v1/alarms/health", ApiAccess.READ, alarms::health);
        r.add("POST", "/v1/alarms/acknowledge", ApiAccess.OPERATE_ALARMS, alarms::acknowledgeMany);
        r.add("GET", "/v1/alarms/{id}", ApiAccess.READ, alarms::get);
        r.add("POST", "/v1/alarms/{id}/acknowledge", ApiAccess.OPERATE_ALARMS, alarms::acknowledge);
        r.add("POST", "/v1/alarms/{id}/shelve", ApiAccess.OPERATE_ALARMS, alarms::shelve);
        r.add("POST", "/v1/alarms/{id}/unshelve", ApiAccess.OPERATE_ALARMS, alarms::unshelve);
        r.add("POST", "/v1/alarms/{id}/reset", ApiAccess.OPERATE_ALARMS, alarms::reset);
        r.add("POST", "/v1/alarms/{id}/out-of-service", ApiAccess.OPERATE_ALARMS, alarms::outOfService);
        r.add("POST", "/v1/alarms/{id}/return-to-service", ApiAccess.OPERATE_ALARMS, alarms::returnToService);

        r.add("GET", "/v1/stream", ApiAccess.READ, streams::stream);
        r.add("GET", "/v1/health", ApiAccess.READ, status::health);
        r.add("GET", "/v1/openapi.json", ApiAccess.READ, status::openApi);
        r.add("GET", "/metrics", ApiAccess.READ, status::metrics);
        return r;
    }

    /** Connectors, alarm definitions, schedules and methods: create, change, enable/disable, delete. */
    private static void addDefinitions(Router r, DefinitionEndpoint d) {
        r.add("POST", "/v1/connectors/", ApiAccess.EDIT_MODEL, d::createConnector);
        r.add("GET", "/v1/connectors/{id}", ApiAccess.READ, d::getConnector);
        r.add("PUT", "/v1/connectors/{id}", ApiAccess.EDIT_MODEL, d::updateConnector);
        r.add("PATCH", "/v1/connectors/{id}", ApiAccess.EDIT_MODEL, d::updateConnector);
        r.add("DELETE", "/v1/connectors/{id}", ApiAccess.EDIT_MODEL, d::deleteConnector);
        r.add("POST", "/v1/connectors/{id}/enable", ApiAccess.EDIT_MODEL, d::enableConnector);
        r.add("POST", "/v1/connectors/{id}/disable", ApiAccess.EDIT_MODEL, d::disableConnector);

        r.add("POST", "/v1/alarms/", ApiAccess.EDIT_MODEL, d::createAlarm);
        r.add("GET", "/v1/alarms/{id}/definition", ApiAccess.READ, d::getAlarm);
        r.add("PUT", "/v1/alarms/{id}", ApiAccess.EDIT_MODEL, d::updateAlarm);
        r.add("PATCH", "/v1/alarms/{id}", ApiAccess.EDIT_MODEL, d::updateAlarm);
        r.add("DELETE", "/v1/alarms/{id}", ApiAccess.EDIT_MODEL, d::deleteAlarm);

        r.add("GET", "/v1/schedules/", ApiAccess.READ, d::listSchedules);
        r.add("POST", "/v1/schedules/", ApiAccess.EDIT_MODEL, d::createSchedule);
        r.add("GET", "/v1/schedules/{id}", ApiAccess.READ, d::getSchedule);
        r.add("PUT", "/v1/schedules/{id}", ApiAccess.EDIT_MODEL, d::updateSchedule);
        r.add("PATCH", "/v1/schedules/{id}", ApiAccess.EDIT_MODEL, d::updateSchedule);
        r.add("DELETE", "/v1/schedules/{id}", ApiAccess.EDIT_MODEL, d::deleteSchedule);

        r.add("GET", "/v1/methods/", ApiAccess.READ, d::listMethods);
        r.add("POST", "/v1/methods/", ApiAccess.EDIT_MODEL, d::createMethod);
        r.add("GET", "/v1/methods/{id}", ApiAccess.READ, d::getMethod);
        r.add("PUT", "/v1/methods/{id}", ApiAccess.EDIT_MODEL, d::updateMethod);
        r.add("PATCH", "/v1/methods/{id}", ApiAccess.EDIT_MODEL, d::updateMethod);
        r.add("DELETE", "/v1/methods/{id}", ApiAccess.EDIT_MODEL, d::deleteMethod);
    }

    /** The port listened on (the chosen one when the config said 0). */
    public int port() {
        return connector.getLocalPort();
    }

    public InetSocketAddress address() {
        return new InetSocketAddress(config.bindAddress(), port());
    }

    /** The base URL, e.g. {@code http://127.0.0.1:8321}. */
    public String url() {
        String host = config.bindAddress().contains(":") ? "[" + config.bindAddress() + "]" : config.bindAddress();
        return "http://" + host + ":" + port();
    }

    public ApiConfig config() {
        return config;
    }

    /** Every endpoint as "METHOD /path/template", in the order they are matched. */
    public List<String> endpoints() {
        return router.routes().stream().map(r -> r.method() + " " + r.template()).toList();
    }

    /** Closes live streams, stops listening and waits briefly for running requests. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        streams.close();
        server.setStopTimeout(5_000);
        try {
            server.stop();
        } catch (Exception e) {
            LOG.warn("HTTP API did not stop cleanly: {}", e.toString());
        }
        data.close();
        current.close();
        headerTimeout.close();
        LOG.info("HTTP API stopped");
    }
}
