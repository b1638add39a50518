#include "steward/server/openapi.h"

namespace steward::server {

std::string_view OpenApiDocument() {
  static constexpr std::string_view kDocument = R"json({
 "openapi": "3.0.3",
 "info": {"title": "Steward prediction server", "version": "1",
  "description": "Predictions from registry models. Every route but /healthz and /readyz needs Authorization: Bearer KEY (steward registry keys create). Errors are {\"error\": message}: 400 malformed JSON, 401 no or bad key, 403 wrong scope or a browser Origin, 404 unknown model or route, 405 wrong method, 413 too large, 421 foreign Host, 422 input that does not fit the model, 503 overloaded or shutting down."},
 "components": {
  "securitySchemes": {"bearer": {"type": "http", "scheme": "bearer"}},
  "schemas": {
   "Error": {"type": "object", "properties": {"error": {"type": "string"}}},
   "Instance": {"type": "object", "description": "One value per model feature (GET /v1/models/{name} lists them); null is missing.", "additionalProperties": true},
   "PredictRequest": {"oneOf": [
    {"$ref": "#/components/schemas/Instance"},
    {"type": "object", "required": ["instances"], "properties": {"instances": {"type": "array", "maxItems": 10000, "items": {"$ref": "#/components/schemas/Instance"}}}},
    {"type": "object", "required": ["inputs"], "properties": {"inputs": {"type": "object", "description": "Column form: feature -> array of values", "additionalProperties": {"type": "array"}}}}]},
   "Prediction": {"type": "object", "properties": {
    "id": {"type": "string"}, "probability": {"type": "number"}, "class": {"type": "string"},
    "probabilities": {"type": "object", "additionalProperties": {"type": "number"}}, "value": {"type": "number"}}},
   "PredictResponse": {"type": "object", "properties": {
    "model": {"type": "string"}, "version": {"type": "integer"}, "id": {"type": "string"},
    "predictions": {"type": "array", "items": {"$ref": "#/components/schemas/Prediction"}}}},
   "InferRequest": {"type": "object", "required": ["inputs"], "properties": {
    "id": {"type": "string"},
    "inputs": {"type": "array", "items": {"type": "object", "required": ["name", "shape", "datatype", "data"], "properties": {
     "name": {"type": "string"}, "shape": {"type": "array", "items": {"type": "integer"}}, "datatype": {"type": "string"}, "data": {"type": "array"}}}}}},
   "Feedback": {"type": "object", "required": ["id", "label"], "properties": {"id": {"type": "string", "description": "a prediction id"}, "label": {}}},
   "ColumnDrift": {"type": "object", "description": "As a column of steward monitor --json (docs/formats/monitor.md).", "properties": {
    "name": {"type": "string"}, "kind": {"type": "string", "enum": ["numeric", "categorical"]},
    "test": {"type": "string", "enum": ["ks", "chi2", "wasserstein", "jensen_shannon", "psi"]},
    "score": {"type": "number", "nullable": true}, "threshold": {"type": "number"}, "drift": {"type": "boolean"},
    "values": {"type": "object", "properties": {"reference": {"type": "integer"}, "current": {"type": "integer", "description": "values in the window"}}},
    "exact": {"type": "boolean", "description": "false when a side is a KLL sketch"}, "rank_error": {"type": "number"}}, "additionalProperties": true},
   "LiveDrift": {"type": "object", "properties": {
    "format": {"type": "string", "enum": ["steward.live_drift/1"]}, "created_at": {"type": "string"},
    "model": {"type": "string"}, "version": {"type": "integer"},
    "reference": {"type": "object", "properties": {"source": {"type": "string"}, "rows": {"type": "integer"}}},
    "current": {"type": "object", "properties": {"source": {"type": "string", "enum": ["live"]}, "rows": {"type": "integer"},
     "approximate": {"type": "boolean", "description": "true when a column's window values were sketched"},
     "window": {"type": "object", "properties": {"seconds": {"type": "number"}, "buckets": {"type": "integer"}, "bucket_seconds": {"type": "number"}, "covered_seconds": {"type": "number"}}},
     "sketch": {"type": "object", "properties": {"type": {"type": "string"}, "k": {"type": "integer"}, "bucket_exact_limit": {"type": "integer"}, "rank_error": {"type": "number"}, "memory_bytes": {"type": "integer"}, "memory_bound_bytes": {"type": "integer"}}}}},
    "dataset_drift": {"type": "object", "properties": {"drifted_columns": {"type": "integer"}, "columns": {"type": "integer"}, "share": {"type": "number"}, "threshold": {"type": "number"}, "drift": {"type": "boolean"}}},
    "columns": {"type": "array", "items": {"$ref": "#/components/schemas/ColumnDrift"}},
    "alerts": {"type": "array", "items": {"type": "object", "properties": {"kind": {"type": "string"}, "column": {"type": "string"}, "message": {"type": "string"}}}},
    "notes": {"type": "array", "items": {"type": "string"}}, "cache_seconds": {"type": "number"},
    "timing": {"type": "object", "properties": {"compute_s": {"type": "number"}}}}}
  }},
 "security": [{"bearer": []}],
 "paths": {
  "/healthz": {"get": {"security": [], "summary": "Liveness", "responses": {"200": {"description": "alive"}}}},
  "/readyz": {"get": {"security": [], "summary": "Readiness: models loaded, prediction log writable, not shutting down", "responses": {"200": {"description": "ready"}, "503": {"description": "not ready, with reasons"}}}},
  "/metrics": {"get": {"summary": "Prometheus text format 0.0.4", "responses": {"200": {"description": "metrics"}}}},
  "/v1/models": {"get": {"summary": "Models served", "responses": {"200": {"description": "name, reference, version"}}}},
  "/v1/models/{name}": {"get": {"summary": "Version, schema and card summary", "parameters": [{"name": "name", "in": "path", "required": true, "schema": {"type": "string"}}], "responses": {"200": {"description": "summary"}}}},
  "/v1/models/{name}/predict": {"post": {"summary": "Predict one instance or a batch", "parameters": [{"name": "name", "in": "path", "required": true, "schema": {"type": "string"}}],
   "requestBody": {"required": true, "content": {"application/json": {"schema": {"$ref": "#/components/schemas/PredictRequest"}}}},
   "responses": {"200": {"description": "predictions", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/PredictResponse"}}}}, "400": {"description": "malformed"}, "413": {"description": "too large"}, "422": {"description": "does not fit the model"}}}},
  "/v1/models/{name}/explain": {"post": {"summary": "Exact TreeSHAP contributions per row (margin space), at most 1,000 rows", "parameters": [{"name": "name", "in": "path", "required": true, "schema": {"type": "string"}}],
   "requestBody": {"required": true, "content": {"application/json": {"schema": {"$ref": "#/components/schemas/PredictRequest"}}}}, "responses": {"200": {"description": "contributions"}}}},
  "/v1/models/{name}/feedback": {"post": {"summary": "Late labels by prediction id, appended to the prediction log", "parameters": [{"name": "name", "in": "path", "required": true, "schema": {"type": "string"}}],
   "requestBody": {"required": true, "content": {"application/json": {"schema": {"oneOf": [{"$ref": "#/components/schemas/Feedback"}, {"type": "object", "properties": {"feedback": {"type": "array", "items": {"$ref": "#/components/schemas/Feedback"}}}}]}}}}, "responses": {"202": {"description": "accepted"}}}},
  "/v1/models/{name}/drift": {"get": {"summary": "Live drift: the served version's recent traffic (--drift-window, kept in constant-memory sketches) against its training profile, per feature and for the data set, by steward monitor's tests; recomputed at most once a second", "parameters": [{"name": "name", "in": "path", "required": true, "schema": {"type": "string"}}],
   "responses": {"200": {"description": "drift", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/LiveDrift"}}}}, "404": {"description": "unknown model, or no live drift (no training profile in the bundle, or --drift-window 0)"}}}},
  "/v1/models/{name}/reload": {"post": {"summary": "Check the registry now and hot-swap if the alias moved (scope admin)", "parameters": [{"name": "name", "in": "path", "required": true, "schema": {"type": "string"}}], "responses": {"202": {"description": "started"}}}},
  "/v2/models/{name}/infer": {"post": {"summary": "Open Inference Protocol (KServe v2): one input tensor per feature", "parameters": [{"name": "name", "in": "path", "required": true, "schema": {"type": "string"}}],
   "requestBody": {"required": true, "content": {"application/json": {"schema": {"$ref": "#/components/schemas/InferRequest"}}}}, "responses": {"200": {"description": "output tensors"}}}}
 }
})json";
  return kDocument;
}

}  // namespace steward::server
