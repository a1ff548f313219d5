package dev.teto.data.testing;

import java.time.Duration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.utility.DockerImageName;

/** An Elasticsearch 8 container, security off, single node; only touched when a Docker engine answers. */
final class SearchContainerLauncher {
    static final String IMAGE = "docker.elastic.co/elasticsearch/elasticsearch:8.19.24";
    private static final Logger LOG = LoggerFactory.getLogger(SearchContainerLauncher.class);

    private SearchContainerLauncher() {
    }

    static SearchServers.SearchServer start() {
        GenericContainer<?> container = new GenericContainer<>(DockerImageName.parse(IMAGE))
                .withEnv("discovery.type", "single-node")
                .withEnv("xpack.security.enabled", "false")
                .withEnv("ES_JAVA_OPTS", "-Xms512m -Xmx512m")
                .withExposedPorts(9200)
                .waitingFor(Wait.forHttp("/_cluster/health").forStatusCode(200).withStartupTimeout(Duration.ofMinutes(3)));
        container.start();
        Runtime.getRuntime().addShutdownHook(new Thread(container::stop, "teto-es-container-shutdown"));
        String url = "http://" + container.getHost() + ":" + container.getMappedPort(9200);
        LOG.info("Elasticsearch container {} at {}", IMAGE, url);
        return new SearchServers.SearchServer() {
            @Override
            public String url() {
                return url;
            }

            @Override
            public String kind() {
                return KIND_TESTCONTAINERS;
            }
        };
    }
}
