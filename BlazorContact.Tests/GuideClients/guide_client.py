import asyncio
import websockets
import json
from datetime import datetime

async def chat_with_websocket():
    """与WebSocket服务器进行对话"""
    
    try:
        # 连接WebSocket服务器
        async with websockets.connect('ws://127.0.0.1:8080/contact') as websocket:
            print("✅ 连接成功")
            
            # 监听服务器消息
            async def listen_messages():
                async for message in websocket:
                    data = json.loads(message)
                    print(f"🤖 服务器回复: {data.get('message', '')}")
            
            # 启动消息监听
            listener = asyncio.create_task(listen_messages())
            
            # 发送联系请求
            contact_msg = {
                "type": "contact_request",
                "message": "你好，我想咨询技术问题",
                "timestamp": datetime.now().isoformat(),
                "userAgent": "Python客户端"
            }
            await websocket.send(json.dumps(contact_msg))
            print("📤 已发送联系请求")
            
            # 等待确认
            await asyncio.sleep(1)
            
            # 开始对话
            messages = [
                "你好，这个博客系统是怎么搭建的？",
                "能介绍一下使用的技术栈吗？",
                "如何部署到生产环境？"
            ]
            
            for msg in messages:
                chat_msg = {
                    "type": "chat_message",
                    "message": msg,
                    "timestamp": datetime.now().isoformat()
                }
                await websocket.send(json.dumps(chat_msg))
                print(f"💬 发送: {msg}")
                await asyncio.sleep(2)  # 等待回复
                
            # 保持连接一段时间
            await asyncio.sleep(5)
            listener.cancel()
            
    except Exception as e:
        print(f"❌ 连接失败: {e}")

# 运行对话
asyncio.run(chat_with_websocket())
