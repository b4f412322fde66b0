// Starts Swagger UI on the knowledge base's own OpenAPI document (kept out of the page: no inline script).
window.ui = SwaggerUIBundle({ url: "/api/openapi.json", dom_id: "#swagger-ui", deepLinking: true });
