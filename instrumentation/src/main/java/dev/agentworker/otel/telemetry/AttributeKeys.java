package dev.agentworker.otel.telemetry;

import io.opentelemetry.api.common.AttributeKey;
import java.util.List;

/**
 * Attribute keys. Semantic-convention keys are copied from the GenAI, MCP, process and error
 * registries of semantic conventions v1.41 (the incubating Java constants are deprecated and move
 * between agent versions); everything else is under the project prefix {@code agent_worker.}.
 */
public final class AttributeKeys {

  // copied from GenAiIncubatingAttributes (semantic conventions v1.41)
  public static final AttributeKey<String> GEN_AI_OPERATION_NAME =
      AttributeKey.stringKey("gen_ai.operation.name");
  public static final AttributeKey<String> GEN_AI_PROVIDER_NAME =
      AttributeKey.stringKey("gen_ai.provider.name");
  public static final AttributeKey<String> GEN_AI_AGENT_NAME =
      AttributeKey.stringKey("gen_ai.agent.name");
  public static final AttributeKey<String> GEN_AI_REQUEST_MODEL =
      AttributeKey.stringKey("gen_ai.request.model");
  public static final AttributeKey<String> GEN_AI_RESPONSE_MODEL =
      AttributeKey.stringKey("gen_ai.response.model");
  public static final AttributeKey<String> GEN_AI_CONVERSATION_ID =
      AttributeKey.stringKey("gen_ai.conversation.id");
  public static final AttributeKey<Long> GEN_AI_USAGE_INPUT_TOKENS =
      AttributeKey.longKey("gen_ai.usage.input_tokens");
  public static final AttributeKey<Long> GEN_AI_USAGE_OUTPUT_TOKENS =
      AttributeKey.longKey("gen_ai.usage.output_tokens");
  public static final AttributeKey<Long> GEN_AI_USAGE_CACHE_READ_INPUT_TOKENS =
      AttributeKey.longKey("gen_ai.usage.cache_read.input_tokens");
  public static final AttributeKey<Long> GEN_AI_USAGE_CACHE_CREATION_INPUT_TOKENS =
      AttributeKey.longKey("gen_ai.usage.cache_creation.input_tokens");
  public static final AttributeKey<Long> GEN_AI_USAGE_REASONING_OUTPUT_TOKENS =
      AttributeKey.longKey("gen_ai.usage.reasoning.output_tokens");
  public static final AttributeKey<String> GEN_AI_TOKEN_TYPE =
      AttributeKey.stringKey("gen_ai.token.type");
  public static final AttributeKey<String> GEN_AI_TOOL_NAME =
      AttributeKey.stringKey("gen_ai.tool.name");
  public static final AttributeKey<String> GEN_AI_TOOL_CALL_ID =
      AttributeKey.stringKey("gen_ai.tool.call.id");
  public static final AttributeKey<String> GEN_AI_TOOL_TYPE =
      AttributeKey.stringKey("gen_ai.tool.type");

  // copied from McpIncubatingAttributes (semantic conventions v1.41)
  public static final AttributeKey<String> MCP_METHOD_NAME =
      AttributeKey.stringKey("mcp.method.name");
  public static final AttributeKey<String> MCP_PROTOCOL_VERSION =
      AttributeKey.stringKey("mcp.protocol.version");
  public static final AttributeKey<String> MCP_RESOURCE_URI =
      AttributeKey.stringKey("mcp.resource.uri");
  public static final AttributeKey<String> GEN_AI_PROMPT_NAME =
      AttributeKey.stringKey("gen_ai.prompt.name");
  public static final AttributeKey<String> GEN_AI_TOOL_CALL_ARGUMENTS =
      AttributeKey.stringKey("gen_ai.tool.call.arguments");
  public static final AttributeKey<String> GEN_AI_TOOL_CALL_RESULT =
      AttributeKey.stringKey("gen_ai.tool.call.result");

  // copied from JsonrpcIncubatingAttributes, RpcIncubatingAttributes, NetworkAttributes
  public static final AttributeKey<String> JSONRPC_REQUEST_ID =
      AttributeKey.stringKey("jsonrpc.request.id");
  public static final AttributeKey<String> RPC_RESPONSE_STATUS_CODE =
      AttributeKey.stringKey("rpc.response.status_code");
  public static final AttributeKey<String> NETWORK_TRANSPORT =
      AttributeKey.stringKey("network.transport");

  // copied from ErrorAttributes and ProcessIncubatingAttributes
  public static final AttributeKey<String> ERROR_TYPE = AttributeKey.stringKey("error.type");
  public static final AttributeKey<Long> PROCESS_EXIT_CODE =
      AttributeKey.longKey("process.exit.code");
  public static final AttributeKey<Long> PROCESS_PID = AttributeKey.longKey("process.pid");

  // project attributes
  public static final AttributeKey<String> SANDBOX_MODE =
      AttributeKey.stringKey("agent_worker.sandbox.mode");
  public static final AttributeKey<Long> QUERY_TOOL_CALLS =
      AttributeKey.longKey("agent_worker.query.tool_calls");
  public static final AttributeKey<List<String>> QUERY_MCP_SERVERS =
      AttributeKey.stringArrayKey("agent_worker.query.mcp_servers");
  public static final AttributeKey<Long> QUERY_RETRIES =
      AttributeKey.longKey("agent_worker.query.retries");
  public static final AttributeKey<String> QUERY_OUTCOME =
      AttributeKey.stringKey("agent_worker.query.outcome");
  public static final AttributeKey<Long> STREAM_LINES_SKIPPED =
      AttributeKey.longKey("agent_worker.stream.lines_skipped");
  public static final AttributeKey<String> STREAM_SKIP_REASON =
      AttributeKey.stringKey("agent_worker.stream.skip_reason");
  public static final AttributeKey<String> WORKSPACE_ID =
      AttributeKey.stringKey("agent_worker.workspace.id");
  public static final AttributeKey<String> TOOL_KIND =
      AttributeKey.stringKey("agent_worker.tool.kind");
  public static final AttributeKey<String> MCP_SERVER_NAME =
      AttributeKey.stringKey("agent_worker.mcp.server.name");
  public static final AttributeKey<Double> COST_USD =
      AttributeKey.doubleKey("agent_worker.cost.usd");
  public static final AttributeKey<String> PERMISSION_MODE =
      AttributeKey.stringKey("agent_worker.permission.mode");

  private AttributeKeys() {}
}
