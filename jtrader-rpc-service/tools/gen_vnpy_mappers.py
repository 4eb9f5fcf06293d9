# Generates VnpyTypes.java (class mappers for vn.py's object model) from a compact field table.
import re
O='vnpy.trader.object'
def camel(k):
    return re.sub(r'_([a-z0-9])', lambda m: m.group(1).upper(), k)
# kind: str(required str), s0 (str default ""), sN (optional str None), num (double default 0), numR (double required),
# numN (Double optional), int (int default), bool, E:Type:default, zdt (required), zdtN, ldtN
SPECS = [
 ('TickData', [('gateway_name','str'),('symbol','str'),('exchange','E:Exchange:null'),('datetime','zdt'),('name','s0')]
   + [(k,'num') for k in ['volume','turnover','open_interest','last_price','last_volume','limit_up','limit_down','open_price','high_price','low_price','pre_close']]
   + [(f'{s}_price_{i}','num') for s in ['bid','ask'] for i in range(1,6)]
   + [(f'{s}_volume_{i}','num') for s in ['bid','ask'] for i in range(1,6)]
   + [('localtime','ldtN')], ['vt_symbol:vtSymbol']),
 ('BarData', [('gateway_name','str'),('symbol','str'),('exchange','E:Exchange:null'),('datetime','zdt'),('interval','E:Interval:null')]
   + [(k,'num') for k in ['volume','turnover','open_interest','open_price','high_price','low_price','close_price']], ['vt_symbol:vtSymbol']),
 ('OrderData', [('gateway_name','str'),('symbol','str'),('exchange','E:Exchange:null'),('orderid','str'),('type','E:OrderType:OrderType.LIMIT'),
   ('direction','E:Direction:null'),('offset','E:Offset:Offset.NONE'),('price','num'),('volume','num'),('traded','num'),
   ('status','E:Status:Status.SUBMITTING'),('datetime','zdtN'),('reference','s0')], ['vt_symbol:vtSymbol','vt_orderid:vtOrderId']),
 ('TradeData', [('gateway_name','str'),('symbol','str'),('exchange','E:Exchange:null'),('orderid','str'),('tradeid','str'),
   ('direction','E:Direction:null'),('offset','E:Offset:Offset.NONE'),('price','num'),('volume','num'),('datetime','zdtN')],
   ['vt_symbol:vtSymbol','vt_orderid:vtOrderId','vt_tradeid:vtTradeId']),
 ('PositionData', [('gateway_name','str'),('symbol','str'),('exchange','E:Exchange:null'),('direction','E:Direction:null'),
   ('volume','num'),('frozen','num'),('price','num'),('pnl','num'),('yd_volume','num')], ['vt_symbol:vtSymbol','vt_positionid:vtPositionId']),
 ('AccountData', [('gateway_name','str'),('accountid','str'),('balance','num'),('frozen','num'),('available','avail')], ['vt_accountid:vtAccountId']),
 ('LogData', [('gateway_name','str'),('msg','s0'),('level','int20'),('time','ldtN')], []),
 ('ContractData', [('gateway_name','str'),('symbol','str'),('exchange','E:Exchange:null'),('name','s0'),('product','E:Product:null'),
   ('size','num'),('pricetick','num'),('min_volume','num1'),('max_volume','numN'),('stop_supported','bool'),('net_position','bool'),
   ('history_data','bool'),('option_strike','numN'),('option_underlying','sN'),('option_type','E:OptionType:null'),
   ('option_listed','ldtN'),('option_expiry','ldtN'),('option_portfolio','sN'),('option_index','sN')], ['vt_symbol:vtSymbol']),
 ('QuoteData', [('gateway_name','str'),('symbol','str'),('exchange','E:Exchange:null'),('quoteid','str'),('bid_price','num'),
   ('bid_volume','int'),('ask_price','num'),('ask_volume','int'),('bid_offset','E:Offset:Offset.NONE'),('ask_offset','E:Offset:Offset.NONE'),
   ('status','E:Status:Status.SUBMITTING'),('datetime','zdtN'),('reference','s0')], ['vt_symbol:vtSymbol','vt_quoteid:vtQuoteId']),
 ('SubscribeRequest', [('symbol','str'),('exchange','E:Exchange:null')], ['vt_symbol:vtSymbol']),
 ('OrderRequest', [('symbol','str'),('exchange','E:Exchange:null'),('direction','E:Direction:null'),('type','E:OrderType:null'),
   ('volume','num'),('price','num'),('offset','E:Offset:Offset.NONE'),('reference','s0')], ['vt_symbol:vtSymbol']),
 ('CancelRequest', [('orderid','str'),('symbol','str'),('exchange','E:Exchange:null')], ['vt_symbol:vtSymbol']),
 ('HistoryRequest', [('symbol','str'),('exchange','E:Exchange:null'),('start','zdt'),('end','zdtN'),('interval','E:Interval:null')], ['vt_symbol:vtSymbol']),
 ('QuoteRequest', [('symbol','str'),('exchange','E:Exchange:null'),('bid_price','num'),('bid_volume','int'),('ask_price','num'),
   ('ask_volume','int'),('bid_offset','E:Offset:Offset.NONE'),('ask_offset','E:Offset:Offset.NONE'),('reference','s0')], ['vt_symbol:vtSymbol']),
]
JAVA_NAME = {'orderid':'orderId','tradeid':'tradeId','accountid':'accountId','quoteid':'quoteId'}
def jname(k):
    if k in JAVA_NAME: return JAVA_NAME[k]
    return camel(k)
def jtype(kind):
    if kind in ('str','s0','sN'): return 'String'
    if kind in ('num','num1','avail'): return 'double'
    if kind=='numN': return 'Double'
    if kind in ('int','int20'): return 'int'
    if kind=='bool': return 'boolean'
    if kind.startswith('E:'): return kind.split(':')[1]
    if kind in ('zdt','zdtN'): return 'ZonedDateTime'
    if kind=='ldtN': return 'LocalDateTime'
def default(kind):
    return {'str':'null','s0':'""','sN':'null','num':'0','num1':'1','avail':'Double.NaN','numN':'null','int':'0','int20':'20','bool':'false',
            'zdt':'null','zdtN':'null','ldtN':'null'}.get(kind) or kind.split(':')[2]
def convert(kind, slot, key):
    a=f'C, "{key}"'
    d=default(kind)
    if kind in ('str','s0','sN'): return f'string(f, {slot}, {d}, {a})'
    if kind in ('num','num1','avail'): return f'number(f, {slot}, {d}, {a})'
    if kind=='numN': return f'optionalNumber(f, {slot}, {a})'
    if kind in ('int','int20'): return f'integer(f, {slot}, {d}, {a})'
    if kind=='bool': return f'bool(f, {slot}, {d}, {a})'
    if kind.startswith('E:'):
        t=kind.split(':')[1]; return f'enumValue(f, {slot}, {d}, {t}.class, {t}::parse, {a})'
    if kind in ('zdt','zdtN'): return f'zoned(f, {slot}, {a})'
    if kind=='ldtN': return f'local(f, {slot}, {a})'
def writer(kind, key, expr):
    K=key.upper()
    if kind in ('num','num1','avail'): return f'out.field({K}, {expr});'
    if kind in ('int','int20'): return f'out.field({K}, (long) {expr});'
    if kind=='bool': return f'out.field({K}, {expr});'
    if kind in ('str','s0','sN'): return f'out.field({K}, {expr});'
    return f'out.field({K}, (Object) {expr});'
keys=set()
out=[]
for cls, fields, derived in SPECS:
    for k,_ in fields: keys.add(k)
    for d in derived: keys.add(d.split(':')[0])
    var='x'
    m=[]
    m.append(f'    /** {O}.{cls} ↔ {{@link {cls}}}. */')
    m.append(f'    static final class {cls}Mapper extends VnpyClassMapper<{cls}> {{')
    m.append(f'        private static final String C = "{cls}";')
    allkeys=[k for k,_ in fields]+[d.split(':')[0] for d in derived]
    m.append(f'        private static final List<String> KEYS = List.of({", ".join(chr(34)+k+chr(34) for k in allkeys)});')
    m.append('')
    m.append(f'        {cls}Mapper() {{')
    m.append(f'            super("{O}", C, {cls}.class);')
    m.append('        }')
    m.append('')
    m.append('        @Override')
    m.append('        public List<String> stateKeys() {')
    m.append('            return KEYS;')
    m.append('        }')
    m.append('')
    m.append('        @Override')
    m.append(f'        public {cls} fromFields(PickleFields f) {{')
    for slot,(k,kind) in enumerate(fields):
        m.append(f'            {jtype(kind)} {jname(k)} = {convert(kind, slot, k)};')
    args=', '.join(jname(k) for k,_ in fields)
    if cls=='AccountData':
        m.append('            if (Double.isNaN(available)) {')
        m.append('                available = balance - frozen;')
        m.append('            }')
    m.append(f'            return new {cls}({args});')
    m.append('        }')
    m.append('')
    m.append('        @Override')
    m.append(f'        public void writeState({cls} {var}, PickleWriter out) {{')
    for k,kind in fields:
        m.append('            '+writer(kind, k, f'{var}.{jname(k)}()'))
    for d in derived:
        k,meth=d.split(':')
        m.append(f'            out.field({k.upper()}, {var}.{meth}());')
    m.append('        }')
    m.append('    }')
    out.append('\n'.join(m))
consts='\n'.join(f'    static final PickleKey {k.upper()} = PickleKey.of("{k}");' for k in sorted(keys))
src=f'''package io.jtrader.rpcservice.vnpy;

import static io.jtrader.rpcservice.vnpy.StateFields.bool;
import static io.jtrader.rpcservice.vnpy.StateFields.enumValue;
import static io.jtrader.rpcservice.vnpy.StateFields.integer;
import static io.jtrader.rpcservice.vnpy.StateFields.local;
import static io.jtrader.rpcservice.vnpy.StateFields.number;
import static io.jtrader.rpcservice.vnpy.StateFields.optionalNumber;
import static io.jtrader.rpcservice.vnpy.StateFields.string;
import static io.jtrader.rpcservice.vnpy.StateFields.zoned;

import io.jtrader.core.model.AccountData;
import io.jtrader.core.model.BarData;
import io.jtrader.core.model.CancelRequest;
import io.jtrader.core.model.ContractData;
import io.jtrader.core.model.Direction;
import io.jtrader.core.model.Exchange;
import io.jtrader.core.model.HistoryRequest;
import io.jtrader.core.model.Interval;
import io.jtrader.core.model.LogData;
import io.jtrader.core.model.Offset;
import io.jtrader.core.model.OptionType;
import io.jtrader.core.model.OrderData;
import io.jtrader.core.model.OrderRequest;
import io.jtrader.core.model.OrderType;
import io.jtrader.core.model.PositionData;
import io.jtrader.core.model.Product;
import io.jtrader.core.model.QuoteData;
import io.jtrader.core.model.QuoteRequest;
import io.jtrader.core.model.Status;
import io.jtrader.core.model.SubscribeRequest;
import io.jtrader.core.model.TickData;
import io.jtrader.core.model.TradeData;
import io.jtrader.rpc.pickle.PickleFields;
import io.jtrader.rpc.pickle.PickleKey;
import io.jtrader.rpc.pickle.PickleWriter;
import java.time.LocalDateTime;
import java.time.ZonedDateTime;
import java.util.List;

/**
 * The class mappers of {{@code vnpy.trader.object}} (GENERATED by jtrader-rpc-service/tools/gen_vnpy_mappers.py from PROTOCOL.md §5.1;
 * edit the generator, not this file). Decoding reads every field vn.py 2.x to 4.x sends, accepts ints where
 * floats are declared, falls back to vn.py's defaults for missing fields and ignores derived and unknown keys;
 * encoding writes every field and derived key in vn.py 4.3's order. Each mapper's state keys are that order, so
 * the decoder's fast path meets them in the order it expects.
 */
final class VnpyObjectMappers {{
{consts}

    private VnpyObjectMappers() {{
    }}

    /** Every state key, for {{@code PickleTypeRegistry.Builder#knownStrings}}. */
    static List<String> stateKeys() {{
        return List.of({', '.join(chr(34)+k+chr(34) for k in sorted(keys))});
    }}

    static List<VnpyClassMapper<?>> all() {{
        return List.of({', '.join(f'new {c}Mapper()' for c,_,_ in SPECS)});
    }}

{chr(10).join(chr(10)+o for o in out)}
}}
'''
import os
open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "../src/main/java/io/jtrader/rpcservice/vnpy/VnpyObjectMappers.java"), "w").write(src)
