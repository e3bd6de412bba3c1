-- Test plumbing for test/editors/neovim.test.ts, not part of the configuration users copy: runs that
-- configuration (the README's block), opens a CSV, does what a user would (K on a cell, <C-x><C-o> after typing
-- the start of a value) and writes what Neovim shows to a JSON file, then quits.
local function env(name)
  local value = os.getenv(name)
  assert(value, name .. ' is not set')
  return value
end

local result = { version = vim.version(), errors = {} }

local function finish()
  local file = assert(io.open(env('PBX_NVIM_RESULT'), 'w'))
  file:write(vim.fn.json_encode(result))
  file:close()
  vim.cmd('qa!')
end

-- A hung editor would hang the test: whatever happens, write what there is and quit.
vim.defer_fn(function()
  table.insert(result.errors, 'timed out')
  finish()
end, 40000)

-- The server sends its dialect status right after the diagnostics of a validation: the sign it has settled.
local statuses = 0
vim.lsp.handlers['pbxUserCsv/dialectStatus'] = function()
  statuses = statuses + 1
end

local function open_and_settle()
  dofile(env('PBX_NVIM_CONFIG'))
  vim.cmd('edit ' .. vim.fn.fnameescape(env('PBX_NVIM_CSV')))
  result.filetype = vim.bo.filetype
  result.settled = vim.wait(20000, function()
    return statuses > 0
  end, 20)
end

local function record_diagnostics()
  result.diagnostics = {}
  for _, d in ipairs(vim.diagnostic.get(0)) do
    table.insert(result.diagnostics, {
      lnum = d.lnum,
      col = d.col,
      end_lnum = d.end_lnum,
      end_col = d.end_col,
      severity = d.severity,
      code = d.code,
      source = d.source,
      message = d.message,
    })
  end
end

-- K (mapped by the configuration) on a cell opens a floating window with the hover.
local function record_hover()
  local win = vim.api.nvim_get_current_win()
  vim.api.nvim_win_set_cursor(win, { tonumber(env('PBX_NVIM_HOVER_LINE')) + 1, tonumber(env('PBX_NVIM_HOVER_COLUMN')) })
  vim.api.nvim_feedkeys('K', 'mx', false)
  local float
  vim.wait(5000, function()
    for _, w in ipairs(vim.api.nvim_list_wins()) do
      if vim.api.nvim_win_get_config(w).relative ~= '' then
        float = w
        return true
      end
    end
    return false
  end, 20)
  if not float then
    table.insert(result.errors, 'no hover window opened')
    return
  end
  result.hover = vim.api.nvim_buf_get_lines(vim.api.nvim_win_get_buf(float), 0, -1, false)
  vim.api.nvim_win_close(float, true)
  vim.api.nvim_set_current_win(win)
end

-- Retype the start of a cell (c t ,) and ask the omnifunc. The keys run once this script returns and the
-- omnifunc answers asynchronously, so a timer waits for the completion items and then finishes.
local function record_completion_then_finish()
  local line = tonumber(env('PBX_NVIM_COMPLETION_LINE')) + 1
  vim.api.nvim_win_set_cursor(0, { line, tonumber(env('PBX_NVIM_COMPLETION_COLUMN')) })
  local keys = 'ct,' .. env('PBX_NVIM_COMPLETION_TYPED') .. '<C-x><C-o>'
  vim.api.nvim_feedkeys(vim.api.nvim_replace_termcodes(keys, true, false, true), 'n', false)
  local poll = vim.loop.new_timer()
  poll:start(20, 20, vim.schedule_wrap(function()
    local items = vim.fn.complete_info({ 'items' }).items
    if #items > 0 then
      poll:stop()
      result.completion = vim.tbl_map(function(item)
        return item.word
      end, items)
      result.completionLine = vim.api.nvim_buf_get_lines(0, line - 1, line, false)[1]
      finish()
    end
  end))
end

local ok, failure = xpcall(function()
  open_and_settle()
  record_diagnostics()
  record_hover()
  record_completion_then_finish()
end, debug.traceback)
if not ok then
  table.insert(result.errors, failure)
  finish()
end
