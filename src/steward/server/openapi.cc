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
   "Feedback": {"type": "object", "required": ["id", "label"], "properties": {"id": {"type": "string", "description": "a prediction id"}, "label": {}}}
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
  "/v1/models/{name}/reload": {"post": {"summary": "Check the registry now and hot-swap if the alias moved (scope admin)", "parameters": [{"name": "name", "in": "path", "required": true, "schema": {"type": "string"}}], "responses": {"202": {"description": "started"}}}},
  "/v2/models/{name}/infer": {"post": {"summary": "Open Inference Protocol (KServe v2): one input tensor per feature", "parameters": [{"name": "name", "in": "path", "required": true, "schema": {"type": "string"}}],
   "requestBody": {"required": true, "content": {"application/json": {"schema": {"$ref": "#/components/schemas/InferRequest"}}}}, "responses": {"200": {"description": "output tensors"}}}}
 }
})json";
  return kDocument;
}

}  // namespace steward::server
