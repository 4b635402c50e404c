package io.scouter.archive.api.web;

import io.dropwizard.core.setup.Environment;
import io.dropwizard.servlets.assets.AssetServlet;
import java.nio.charset.StandardCharsets;

/**
 * Serves the web pages (module {@code web/}, built into the classpath folder {@code scouter-web/})
 * on the application port, next to Jersey. Jersey keeps its mapping {@code /*}, so every route
 * (/scouter/*, /iceberg/*, ...) and its 404s stay Jersey's; the pages get mappings that the servlet
 * rules prefer to {@code /*}: the exact root {@code ""} (i.e. "/" with any query string), the exact
 * page paths, and the longer prefix {@code /assets/*} of Vite's hashed bundles.
 */
public final class WebAssets {
  static final String RESOURCE_PATH = "/scouter-web";
  static final String[] MAPPINGS = {"", "/index.html", "/archive.html", "/assets/*"};

  private WebAssets() {}

  public static void register(Environment environment) {
    environment.servlets()
        .addServlet("web-pages", new AssetServlet(RESOURCE_PATH, "/", "index.html", StandardCharsets.UTF_8))
        .addMapping(MAPPINGS);
  }
}
